package io.hpcgateway.gateway.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Where a webhook may deliver (against server-side request forgery): an absolute HTTPS URL whose
 * host resolves only to public addresses, or an address in a network the provider allowed
 * ({@code gateway.webhooks.allowed-private-networks}), where plain HTTP is allowed too. The name
 * is resolved once per delivery and the connection made to the address checked, so a name that
 * resolves elsewhere the second time (DNS rebinding) gains nothing.
 */
@ApplicationScoped
public class ReceiverAddresses {

    /** A receiver checked for one delivery: the URL, and the address to connect to. */
    record Receiver(URI url, InetAddress address, int port) {}

    /** Why a URL may not be delivered to; its message says what to change. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** Networks no delivery reaches unless allowed: RFC 6890's special-purpose blocks, IPv4 and IPv6. */
    private static final List<Network> SPECIAL = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15",
            "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/3", "::/128", "::1/128", "64:ff9b::/96", "100::/64",
            "2001:db8::/32", "fc00::/7", "fe80::/10", "ff00::/8").stream().map(Network::parse).toList();

    private final List<Network> allowed;

    ReceiverAddresses(WebhookConfig config) {
        this.allowed = config.allowedPrivateNetworks().orElse(List.of()).stream().map(Network::parse).toList();
    }

    /** The URL as registered: its form only (names are resolved when delivering, as they may change). */
    URI parse(String url) throws Refused {
        URI uri;
        try {
            uri = url == null ? null : new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new Refused("'" + url + "' is not a URL: " + e.getReason());
        }
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new Refused("Give an absolute https:// URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("A webhook URL carries no user name or password: the signature authenticates the gateway");
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("A webhook URL has no #fragment");
        }
        if (url.length() > 2048) {
            throw new Refused("A webhook URL has at most 2048 characters");
        }
        return uri;
    }

    /** Resolves the URL's host now and checks every address it has; the first is the one to connect to. */
    Receiver resolve(URI url) throws Refused {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            throw new Refused("The host " + url.getHost() + " does not resolve");
        }
        boolean allAllowed = true;
        for (InetAddress address : addresses) {
            boolean special = SPECIAL.stream().anyMatch(n -> n.contains(address));
            boolean allowedHere = allowed.stream().anyMatch(n -> n.contains(address));
            if (special && !allowedHere) {
                throw new Refused("The host " + url.getHost() + " resolves to " + address.getHostAddress()
                        + ", a private, loopback or reserved address that webhooks may not reach");
            }
            allAllowed &= allowedHere;
        }
        if ("http".equals(url.getScheme()) && !allAllowed) {
            throw new Refused("Deliveries to " + url.getHost() + " need https://");
        }
        int port = url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        return new Receiver(url, addresses[0], port);
    }

    /** An IPv4 or IPv6 network in CIDR form. */
    record Network(byte[] prefix, int bits) {

        static Network parse(String cidr) {
            String[] parts = cidr.strip().split("/");
            try {
                byte[] address = InetAddress.getByName(parts[0]).getAddress();
                int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
                if (bits < 0 || bits > address.length * 8) {
                    throw new IllegalArgumentException(cidr + ": the prefix length is out of range");
                }
                return new Network(address, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("gateway.webhooks.allowed-private-networks: '" + cidr
                        + "' is not a network in CIDR form (10.0.0.0/8, fd00::/8)", e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != prefix.length) { // an IPv4 network holds no IPv6 address, and the other way round
                return false;
            }
            int shift = bytes.length * 8 - bits;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftLeft(shift);
            return new BigInteger(1, bytes).and(mask).equals(new BigInteger(1, prefix).and(mask));
        }
    }
}
