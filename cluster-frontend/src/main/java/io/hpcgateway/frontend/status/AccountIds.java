package io.hpcgateway.frontend.status;

import io.hpcgateway.frontend.identity.CommandRunner;
import io.hpcgateway.frontend.identity.RunAs;
import io.hpcgateway.frontend.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ids and groups the caller's commands and jobs run under, from {@code id} run as the caller:
 * their own account's where jobs run as their users, the service account's otherwise.
 */
@ApplicationScoped
public class AccountIds {

    /** An id entry of {@code id}'s output: {@code 1000(alice)}. */
    private static final Pattern ID = Pattern.compile("(\\d+)\\(([^)]*)\\)");

    public record Id(long id, String name) {}

    public record Identity(Id user, Id group, List<Id> groups) {}

    private final CommandRunner runner;

    AccountIds(CommandRunner runner) {
        this.runner = runner;
    }

    public Identity of(RunAs who) {
        CommandRunner.Result result = runner.run(who, List.of("id"), null, Map.of(), Duration.ofSeconds(15));
        if (!result.ok()) {
            throw ApiException.schedulerError("'id' failed for " + who + ": " + result.firstErrorLine());
        }
        return parse(result.stdout());
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
