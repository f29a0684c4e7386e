package io.hpcgateway.frontend.identity;

/** An account of the operating system, as {@code getent passwd} describes it. */
public record UnixAccount(String name, long uid, long gid, String home) {

    /** Parses one {@code passwd} line: {@code name:x:uid:gid:gecos:home:shell}. */
    static UnixAccount parse(String line) {
        String[] fields = line.strip().split(":", -1);
        if (fields.length < 7) {
            throw new IllegalArgumentException("not a passwd line: " + line);
        }
        return new UnixAccount(fields[0], Long.parseLong(fields[2]), Long.parseLong(fields[3]), fields[5]);
    }
}
