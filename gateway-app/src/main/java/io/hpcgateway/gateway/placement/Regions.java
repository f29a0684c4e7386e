package io.hpcgateway.gateway.placement;

import io.hpcgateway.gateway.platform.ApiException;
import java.util.regex.Pattern;

/** Region names as placement compares them: lower-case words joined by '-' (eu-central, us-east-2). */
public final class Regions {

    private static final Pattern REGION = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+){0,4}");
    private static final int MAX_LENGTH = 48;

    private Regions() {}

    /** The region, or a 400 naming {@code field} when it is not one; null stays null. */
    public static String check(String field, String region) {
        if (region != null && (region.length() > MAX_LENGTH || !REGION.matcher(region).matches())) {
            throw ApiException.badRequest(field, "'" + field + "' must be a region name: lower-case letters and digits "
                    + "in words joined by '-' (eu-central, us-east-2), at most " + MAX_LENGTH + " characters");
        }
        return region;
    }
}
