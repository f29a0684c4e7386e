package io.hpcgateway.gateway.files;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/** RFC 9530's digest fields, for the one algorithm a cluster's checksum gives: SHA-256. */
final class ReprDigest {

    private ReprDigest() {}

    /** Whether {@code Want-Repr-Digest} asks for sha-256 with a non-zero preference. */
    static boolean wantsSha256(String want) {
        if (want == null) {
            return false;
        }
        for (String member : want.split(",")) {
            String[] pair = member.strip().toLowerCase(Locale.ROOT).split("=", 2);
            if (pair[0].strip().equals("sha-256") && (pair.length == 1 || !pair[1].strip().equals("0"))) {
                return true;
            }
        }
        return false;
    }

    /** {@code sha-256=:<base64>:} from a hex SHA-256. */
    static String sha256(String hex) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)) + ":";
    }
}
