package io.hpcgateway.gateway.legacy;

import io.hpcgateway.gateway.platform.ApiException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The original registration declared {@code jobid} both as a path segment and as a query parameter,
 * and the MarketPlace SDK sends {@code ?jobid=}. Before routing, a query {@code jobid} becomes the
 * path segment (also replacing a literal, unfilled {@code {jobid}}), so every legacy route has one
 * implementation ({@link LegacyJobIdDocumentation} publishes the query parameter).
 */
public class LegacyJobIdParameter {

    private static final Pattern ROUTE =
            Pattern.compile("/?api/v1/(job/(?:launch|state|cancel|delete)|file/(?:list|upload|download|delete))(?:/([^/]*))?/?");
    /** Job ids are UUIDs; anything else cannot name a job and must not be spliced into a path. */
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    static final String PLACEHOLDER = "{jobid}";

    @ServerRequestFilter(preMatching = true)
    public void jobIdFromQuery(ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        Matcher route = ROUTE.matcher(uri.getPath());
        String fromQuery = uri.getQueryParameters().getFirst("jobid");
        if (!route.matches() || fromQuery == null || fromQuery.isEmpty()) {
            return;
        }
        String fromPath = route.group(2) == null ? null : URLDecoder.decode(route.group(2), StandardCharsets.UTF_8);
        if (fromPath != null && !fromPath.isEmpty() && !fromPath.equals(PLACEHOLDER) && !fromPath.equals(fromQuery)) {
            throw ApiException.badRequest("jobid", "The path names job '" + fromPath + "' and ?jobid= names '"
                    + fromQuery + "'; give one");
        }
        if (!JOB_ID.matcher(fromQuery).matches()) {
            throw ApiException.notFound("Job", fromQuery.length() > 64 ? fromQuery.substring(0, 64) + "..." : fromQuery);
        }
        request.setRequestUri(uri.getRequestUriBuilder().replacePath("/api/v1/" + route.group(1) + "/" + fromQuery)
                .build());
    }
}
