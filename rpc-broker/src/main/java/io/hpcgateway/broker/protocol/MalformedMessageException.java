package io.hpcgateway.broker.protocol;

/** A message that is not a relay request or answer; its text says what is wrong. */
public class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String message) {
        super(message);
    }
}
