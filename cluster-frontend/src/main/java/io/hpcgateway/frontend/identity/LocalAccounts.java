package io.hpcgateway.frontend.identity;

import io.hpcgateway.frontend.platform.ApiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Finds the Unix accounts of this machine through the name service ({@code getent passwd}, so
 * LDAP and SSSD accounts count), and refuses those a user may not act as: accounts that do not
 * exist (they are never created on the fly), system accounts below the minimum uid, and the
 * service account itself. Lookups are kept a minute, so a removed account stops working soon.
 */
final class LocalAccounts {

    private static final Duration KEEP = Duration.ofMinutes(1);

    private record Known(UnixAccount account, Instant until) {}

    private final String serviceUser;
    private final long minUid;
    private final Map<String, Known> cache = new ConcurrentHashMap<>();

    LocalAccounts(String serviceUser, long minUid) {
        this.serviceUser = serviceUser;
        this.minUid = minUid;
    }

    /** The account a command of {@code who} runs as. */
    UnixAccount of(RunAs who) {
        if (who.service()) {
            return lookup(serviceUser);
        }
        if (who.account().equals(serviceUser)) {
            throw ApiException.forbidden("The account '" + who.account() + "' is the front end's service account; "
                    + "it cannot act for a user.");
        }
        UnixAccount account = lookup(who.account());
        if (account.uid() < minUid) {
            throw ApiException.forbidden("The account '" + who.account() + "' (uid " + account.uid()
                    + ") is a system account; user work runs only as accounts from uid " + minUid + ".");
        }
        return account;
    }

    private UnixAccount lookup(String name) {
        Known known = cache.get(name);
        if (known != null && Instant.now().isBefore(known.until())) {
            return known.account();
        }
        UnixAccount account = getent(name);
        cache.put(name, new Known(account, Instant.now().plus(KEEP)));
        return account;
    }

    private static UnixAccount getent(String name) {
        try {
            Process process = new ProcessBuilder(List.of("getent", "passwd", name)).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw ApiException.timeout("Looking up the account '" + name + "' took longer than 10 s");
            }
            if (process.exitValue() == 2 || out.isBlank()) {
                throw ApiException.forbidden("The account '" + name + "' does not exist on this cluster. Accounts "
                        + "come from the site's user directory (locally: deploy/local/users.sh add " + name + ").");
            }
            if (process.exitValue() != 0) {
                throw ApiException.schedulerError("Looking up the account '" + name + "' failed: " + out.strip());
            }
            return UnixAccount.parse(out.lines().findFirst().orElseThrow());
        } catch (IOException e) {
            throw ApiException.schedulerError("Cannot look up accounts (getent): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.timeout("Looking up the account '" + name + "' was interrupted");
        }
    }
}
