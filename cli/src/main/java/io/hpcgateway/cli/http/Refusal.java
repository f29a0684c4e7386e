package io.hpcgateway.cli.http;

import io.hpcgateway.cli.CliException;

/** The gateway's refusal: its HTTP status and stable {@code error} code beside the message shown. */
public final class Refusal extends CliException {

    private final int status;
    private final String error;

    Refusal(int exitCode, String message, int status, String error) {
        super(exitCode, message);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    /** The gateway's {@code error} code ({@code offset_mismatch}, {@code checksum_mismatch}...), or null. */
    public String error() {
        return error;
    }
}
