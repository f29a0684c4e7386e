package io.hpcgateway.gateway.template;

/** A MAJOR.MINOR.PATCH version, ordered numerically (pre-release and build parts are ignored for order). */
record SemanticVersion(int major, int minor, int patch) implements Comparable<SemanticVersion> {

    static SemanticVersion parse(String version) {
        String[] parts = version.split("[-+]")[0].split("\\.");
        return new SemanticVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }

    @Override
    public int compareTo(SemanticVersion other) {
        int byMajor = Integer.compare(major, other.major);
        if (byMajor != 0) {
            return byMajor;
        }
        int byMinor = Integer.compare(minor, other.minor);
        return byMinor != 0 ? byMinor : Integer.compare(patch, other.patch);
    }
}
