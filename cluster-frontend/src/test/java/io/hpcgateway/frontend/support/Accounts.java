package io.hpcgateway.frontend.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;

/**
 * The machine's real accounts, for the per-user identity tests: the test command creates alice,
 * bob and carol and the service account hpcgw (deploy/local/users.sh) and brings up the sshd that
 * trusts the front end's CA (deploy/local/sshd-up.sh). In CI those tests run whatever is missing,
 * and so fail; elsewhere they are skipped without it.
 */
public final class Accounts {

    public static final Path SSH_DIR = Path.of("/etc/hpc-gateway/ssh");
    public static final int SSHD_PORT = 2222;

    private Accounts() {}

    /** For {@code @EnabledIf}: the setuid mode needs root and the accounts. */
    public static boolean setuidPossible() {
        return inCi() || (root() && exist("alice", "bob", "carol", "hpcgw"));
    }

    /** For {@code @EnabledIf}: the ssh mode needs the accounts, the CA and the sshd on 127.0.0.1:2222. */
    public static boolean sshPossible() {
        return inCi() || (exist("alice", "bob", "carol", "hpcgw") && Files.isReadable(SSH_DIR.resolve("user_ca"))
                && listening(SSHD_PORT));
    }

    public static long uid(String user) {
        return Long.parseLong(Commands.outputIfOk("id", "-u", user).strip());
    }

    public static long gid(String user) {
        return Long.parseLong(Commands.outputIfOk("id", "-g", user).strip());
    }

    /** Hands a file the test (as root) wrote to the account, as if the user had made it. */
    public static void own(Path path, String user) throws IOException {
        UserPrincipalLookupService names = path.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(path, names.lookupPrincipalByName(user));
        Files.setAttribute(path, "unix:gid", (int) gid(user), LinkOption.NOFOLLOW_LINKS);
    }

    private static boolean inCi() {
        return "true".equals(System.getenv("CI"));
    }

    private static boolean root() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                    .anyMatch(l -> l.split("\\s+")[2].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean exist(String... names) {
        return List.of(names).stream().allMatch(name -> !Commands.outputIfOk("getent", "passwd", name).isBlank());
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
