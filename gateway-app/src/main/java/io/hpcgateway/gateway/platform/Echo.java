package io.hpcgateway.gateway.platform;

/**
 * A client's value quoted back in an error message: control characters shown as '?', and cut to
 * a length that names it without copying an attacker's megabyte into the answer or the log.
 */
public final class Echo {

    private static final int MAX = 80;

    private Echo() {}

    public static String of(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > MAX ? value.substring(0, MAX) + "..." : value;
        StringBuilder clean = new StringBuilder(shown.length());
        shown.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return clean.toString();
    }
}
