package io.hpcgateway.gateway.identity;

import jakarta.json.JsonString;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller's roles, read from every configured claim path ({@code realm_access/roles},
 * {@code groups}): a path names nested claims separated by '/', and its value is a list of role
 * names or a single one. Paths the token does not have add nothing.
 */
final class RoleClaims {

    private final List<List<String>> paths;

    RoleClaims(List<String> paths) {
        this.paths = paths.stream().map(path -> List.of(path.split("/"))).toList();
    }

    Set<String> of(JsonWebToken token) {
        Set<String> roles = new LinkedHashSet<>();
        for (List<String> path : paths) {
            Object value = token.getClaim(path.get(0));
            for (String name : path.subList(1, path.size())) {
                value = value instanceof Map<?, ?> object ? object.get(name) : null;
            }
            add(roles, value);
        }
        return roles;
    }

    private static void add(Set<String> roles, Object value) {
        if (value instanceof Collection<?> many) {
            many.forEach(role -> add(roles, role));
        } else if (value instanceof String one && !one.isBlank()) {
            roles.add(one);
        } else if (value instanceof JsonString json) {
            roles.add(json.getString());
        }
    }
}
