package io.hpcgateway.frontend.status;

import io.hpcgateway.frontend.platform.CommandRunner;
import io.quarkus.arc.Lock;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operating-system account the front end (and so every job) runs as, read once from
 * {@code id}. Users are told their token's name with this account's ids and groups.
 */
@ApplicationScoped
public class ServiceAccount {

    /** An id entry of {@code id}'s output: {@code 1000(alice)}. */
    private static final Pattern ID = Pattern.compile("(\\d+)\\(([^)]*)\\)");

    public record Id(long id, String name) {}

    public record Identity(Id user, Id group, List<Id> groups) {}

    private final CommandRunner runner;
    private Identity identity;

    ServiceAccount(CommandRunner runner) {
        this.runner = runner;
    }

    @Lock
    public Identity identity() {
        if (identity == null) {
            identity = parse(runner.run(List.of("id"), null, Map.of(), Duration.ofSeconds(5)).stdout());
        }
        return identity;
    }

    static Identity parse(String idOutput) {
        Id user = null;
        Id group = null;
        List<Id> groups = new ArrayList<>();
        for (String part : idOutput.strip().split(" ")) {
            Matcher m = ID.matcher(part);
            List<Id> found = new ArrayList<>();
            while (m.find()) {
                found.add(new Id(Long.parseLong(m.group(1)), m.group(2)));
            }
            if (part.startsWith("uid=") && !found.isEmpty()) {
                user = found.get(0);
            } else if (part.startsWith("gid=") && !found.isEmpty()) {
                group = found.get(0);
            } else if (part.startsWith("groups=")) {
                groups.addAll(found);
            }
        }
        return new Identity(user, group, List.copyOf(groups));
    }
}
