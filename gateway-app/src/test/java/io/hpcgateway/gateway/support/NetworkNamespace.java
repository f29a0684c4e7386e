package io.hpcgateway.gateway.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A site behind a firewall that lets nothing in: the network namespace, veth pair and iptables
 * rules of {@code deploy/local/firewalled.sh net-up} (the topology providers bring up by hand).
 * Processes run inside it; since no connection from outside gets in, they are probed from inside.
 */
public final class NetworkNamespace implements AutoCloseable {

    private static final Path SCRIPT = Reactor.path("deploy/local/firewalled.sh");

    private final String name;
    private final String net;

    private NetworkNamespace(String name, String net) {
        this.name = name;
        this.net = net;
    }

    /** Makes the site {@code name} on the /24 {@code net} (say {@code 10.231.18}): {@code net.1} outside, {@code net.2} inside. */
    public static NetworkNamespace create(String name, String net) throws IOException, InterruptedException {
        NetworkNamespace site = new NetworkNamespace(name, net);
        site.script("net-up");
        return site;
    }

    /** Whether this machine can make one: network namespaces and iptables need root. */
    public static boolean possible() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The site's address, where a direct connection from outside would go. */
    public String siteAddress() {
        return net + ".2";
    }

    /** This machine's address as the site sees it, where its outbound connections go. */
    public String outsideAddress() {
        return net + ".1";
    }

    /** The command, run inside the site. */
    public List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("ip", "netns", "exec", name));
        wrapped.addAll(command);
        return wrapped;
    }

    /** The HTTP status a request from inside the site gets, or -1 when nothing answers there. */
    public int status(String url) {
        try {
            Process curl = new ProcessBuilder(wrap(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                    "--max-time", "2", url))).redirectErrorStream(true).start();
            String code = new String(curl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            curl.waitFor(5, TimeUnit.SECONDS);
            return code.matches("[1-5]\\d\\d") ? Integer.parseInt(code) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        script("net-down");
    }

    private void script(String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), command).redirectErrorStream(true);
        builder.environment().put("HPCGW_FW_NAMESPACE", name);
        builder.environment().put("HPCGW_FW_NET", net);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("firewalled.sh " + command + " failed: " + out);
        }
    }
}
