package io.hpcgateway.frontend.filesystem;

import io.hpcgateway.frontend.platform.ApiException;
import java.util.Map;

/** FirecREST's {@code compression} values and the tar flag of each; gzip when none is given, as there. */
final class TarCompression {

    private static final Map<String, String> FLAGS = Map.of("none", "", "gzip", "z", "bzip2", "j", "xz", "J");

    private TarCompression() {}

    static String flag(String compression) {
        String flag = FLAGS.get(compression == null ? "gzip" : compression);
        if (flag == null) {
            throw ApiException.validation("body", "compression", "'compression' must be none, gzip, bzip2 or xz");
        }
        return flag;
    }
}
