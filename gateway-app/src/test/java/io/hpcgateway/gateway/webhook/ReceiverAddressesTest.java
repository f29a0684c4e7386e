package io.hpcgateway.gateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where deliveries may go: public HTTPS, or the networks a provider allowed. */
class ReceiverAddressesTest {

    private static ReceiverAddresses allowing(String... networks) {
        return new ReceiverAddresses(new WebhookConfig() {
            public Duration pollInterval() { return Duration.ofSeconds(1); }
            public Duration timeout() { return Duration.ofSeconds(5); }
            public Duration firstRetry() { return Duration.ofSeconds(1); }
            public Duration maxRetry() { return Duration.ofMinutes(10); }
            public Duration secretOverlap() { return Duration.ofHours(24); }
            public Optional<List<String>> allowedPrivateNetworks() { return Optional.of(List.of(networks)); }
            public int maxPerUser() { return 20; }
        });
    }

    @Test
    void privateLoopbackLinkLocalAndReservedAddressesAreRefused() {
        ReceiverAddresses addresses = allowing();
        for (String url : List.of("https://127.0.0.1/", "https://10.1.2.3/", "https://172.20.0.1/", "https://192.168.1.1/",
                "https://169.254.169.254/latest/meta-data", "https://100.64.0.1/", "https://0.0.0.0/", "https://[::1]/",
                "https://[fd00::1]/", "https://[fe80::1]/", "https://[::ffff:10.0.0.1]/", "https://224.0.0.1/")) {
            ReceiverAddresses.Refused refused = assertThrows(ReceiverAddresses.Refused.class,
                    () -> addresses.resolve(addresses.parse(url)), url);
            assertTrue(refused.getMessage().contains("may not reach"), refused.getMessage());
        }
    }

    @Test
    void aPublicAddressIsAllowedOverHttpsOnly() throws Exception {
        ReceiverAddresses addresses = allowing();
        ReceiverAddresses.Receiver receiver = addresses.resolve(addresses.parse("https://93.184.215.14:8443/hook"));
        assertEquals("93.184.215.14", receiver.address().getHostAddress());
        assertEquals(8443, receiver.port());
        assertEquals("Deliveries to 93.184.215.14 need https://", assertThrows(ReceiverAddresses.Refused.class,
                () -> addresses.resolve(addresses.parse("http://93.184.215.14/hook"))).getMessage());
    }

    @Test
    void anAllowedNetworkTakesPlainHttpButOnlyThatNetwork() throws Exception {
        ReceiverAddresses addresses = allowing("127.0.0.0/8", "fd00:1::/32");
        assertEquals(80, addresses.resolve(addresses.parse("http://127.0.0.1/hook")).port());
        addresses.resolve(URI.create("http://[fd00:1::5]:9000/"));
        assertThrows(ReceiverAddresses.Refused.class, () -> addresses.resolve(addresses.parse("http://10.0.0.1/")));
        assertThrows(ReceiverAddresses.Refused.class, () -> addresses.resolve(addresses.parse("https://[fd00:2::5]/")));
    }

    @Test
    void urlsThatAreNotPlainHttpReceiversAreRefused() {
        ReceiverAddresses addresses = allowing();
        for (String url : List.of("ftp://example.org/", "/relative", "https://user:secret@example.org/",
                "https://example.org/#part", "not a url", "file:///etc/passwd")) {
            assertThrows(ReceiverAddresses.Refused.class, () -> addresses.parse(url), url);
        }
    }

    @Test
    void aBadAllowedNetworkIsAConfigurationErrorThatSaysSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> allowing("10.0.0.0/33"));
        assertTrue(e.getMessage().contains("10.0.0.0/33"), e.getMessage());
    }
}
