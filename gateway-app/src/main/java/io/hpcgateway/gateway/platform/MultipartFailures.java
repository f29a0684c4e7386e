package io.hpcgateway.gateway.platform;

/** Recognises the form parser's failure on a malformed or truncated multipart body. */
final class MultipartFailures {

    private MultipartFailures() {}

    static boolean isMalformedForm(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().contains(".multipart.")) {
                    return true;
                }
            }
        }
        return false;
    }
}
