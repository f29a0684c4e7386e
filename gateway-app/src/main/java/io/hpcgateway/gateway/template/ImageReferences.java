package io.hpcgateway.gateway.template;

import java.util.regex.Pattern;

/**
 * The parts of a container image reference the catalogue's rules look at (seed 000): its
 * registry, its tag and its digest. Templates and the task farm's images follow the same rules.
 */
public final class ImageReferences {

    /** A content digest as registries write it. */
    public static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private ImageReferences() {}

    /** The registry of an image reference: docker.io when the first segment is not a host. */
    public static String registry(String image) {
        String reference = bare(image);
        int slash = reference.indexOf('/');
        String first = slash < 0 ? "" : reference.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost") ? first : "docker.io";
    }

    /** The tag of an image reference, or null when it has none. */
    public static String tag(String image) {
        String reference = bare(image);
        int at = reference.indexOf('@');
        String named = at < 0 ? reference : reference.substring(0, at);
        int colon = named.lastIndexOf(':');
        return colon > named.lastIndexOf('/') ? named.substring(colon + 1) : null;
    }

    /** The digest a reference pins ({@code name:tag@sha256:...}), or null. */
    public static String digest(String image) {
        String reference = bare(image);
        int at = reference.indexOf('@');
        return at < 0 ? null : reference.substring(at + 1);
    }

    private static String bare(String image) {
        return image.replaceFirst("^docker://", "");
    }
}
