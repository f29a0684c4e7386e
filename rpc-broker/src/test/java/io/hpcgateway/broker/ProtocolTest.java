package io.hpcgateway.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hpcgateway.broker.amqp.QueueNames;
import io.hpcgateway.broker.protocol.MessageSizes;
import io.hpcgateway.broker.protocol.Headers;
import io.hpcgateway.broker.protocol.MalformedMessageException;
import io.hpcgateway.broker.protocol.Wire;
import io.hpcgateway.broker.relay.EndpointPolicy;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProtocolTest {

    final EndpointPolicy policy = new EndpointPolicy(URI.create("http://gateway:8080/base/"));

    @Test
    void theQueueIsNamedByTheMarketplaceRule() {
        // int(sha256_hex("hpcgw-test-app" + "s3cret"), 16) mod 10^16, computed with Python
        assertEquals("hpcgw-test-app:2193409447210779", QueueNames.marketplace("hpcgw-test-app", "s3cret"));
        assertEquals("/amq/queue/amq.gen-X", QueueNames.replyAddress("/queue/amq.gen-X"));
        assertEquals("replies", QueueNames.replyAddress("replies"));
    }

    @Test
    void endpointsStayUnderTheGateway() {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("jobid", List.of("a b"));
        query.put("x", List.of("1", "2"));
        assertEquals("http://gateway:8080/base/api/v1/job/create?jobid=a%20b&x=1&x=2",
                policy.target("api/v1/job/create", query).toString());
        assertEquals("http://gateway:8080/base/heartbeat", policy.target("/heartbeat", Map.of()).toString());
        for (String escape : List.of("http://169.254.169.254/", "//evil/x", "../x", "a/../../x", "a/%2e%2e/x",
                "a/%2E%2E", "a/./b", "a\\b", "a?b=1", "a#b", "a\nb", "a/%2f/b", "https:/x://y")) {
            assertThrows(MalformedMessageException.class, () -> policy.target(escape, Map.of()), escape);
        }
    }

    @Test
    void smallTextMessagesAreExactlyTheMarketplaceShape() {
        JsonObject answer = Wire.response(new Wire.ResponseHead(200, Map.of("Content-Type", "application/json"),
                Buffer.buffer("{\"ok\":true}"), false), "application/json").toJsonObject();
        assertEquals(Set.of("status_code", "headers", "body"), answer.fieldNames());
        assertEquals("{\"ok\":true}", answer.getString("body"));
    }

    @Test
    void binaryBodiesTravelAsBase64AndComeBackIdentical() {
        byte[] bytes = {0, (byte) 0xff, (byte) 0xc3, 0x28, 10};
        JsonObject message = Wire.response(new Wire.ResponseHead(200, Map.of(), Buffer.buffer(bytes), true),
                "application/octet-stream").toJsonObject();
        assertEquals("base64", message.getString("body_encoding"));
        assertEquals(0, message.getInteger("chunk"));
        assertTrue(message.getBoolean("more"));
        assertEquals(Buffer.buffer(bytes), Wire.responseHead(message).body());
        // Invalid UTF-8 under a text type is base64 too: nothing is lost to a charset.
        JsonObject text = Wire.part(new Wire.Part(3, Buffer.buffer(bytes), false), "text/plain").toJsonObject();
        assertEquals("base64", text.getString("body_encoding"));
        assertEquals(Buffer.buffer(bytes), Wire.part(text).body());
        assertFalse(Wire.part(text).more());
        assertTrue(Wire.isPart(text));
    }

    @Test
    void onlyARequesterThatSaysSoGetsItsAnswersInParts() {
        JsonObject stock = new JsonObject().put("endpoint", "api/v1/file/download/x").put("method", "GET")
                .put("query_params", null).put("headers", null).put("body", null);
        assertFalse(Wire.requestHead(stock).acceptsChunks(), "MessageBrokerRequestModel has no such field");
        assertTrue(Wire.requestHead(stock.copy().put("accept_chunks", true)).acceptsChunks());
        // The edge reads answers in parts, and says so in every request it sends.
        JsonObject fromEdge = Wire.request(new Wire.RequestHead("heartbeat", "GET", Map.of(), Map.of(), Buffer.buffer(),
                false, true), null).toJsonObject();
        assertTrue(fromEdge.getBoolean("accept_chunks"));
        assertThrows(MalformedMessageException.class, () -> Wire.requestHead(stock.copy().put("accept_chunks", "yes")));
    }

    @Test
    void aPartInBase64MustFitOneBrokerMessage() {
        MessageSizes.requirePartsFit(1024 * 1024, 16 * 1024 * 1024); // the defaults
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> MessageSizes.requirePartsFit(12 * 1024 * 1024, 16 * 1024 * 1024));
        assertTrue(refused.getMessage().contains("broker.max-message-size"), refused.getMessage());
    }

    @Test
    void hopByHopHeadersAreDropped() {
        Map<String, String> kept = Headers.endToEnd(Map.of("Authorization", "Bearer x", "Connection", "close, X-Hop",
                "X-Hop", "1", "Transfer-Encoding", "chunked", "Host", "evil", "Content-Type", "text/plain").entrySet());
        assertEquals(Map.of("Authorization", "Bearer x", "Content-Type", "text/plain"), kept);
    }

    @Test
    void malformedRequestsSayWhatIsWrong() {
        assertThrows(MalformedMessageException.class, () -> Wire.parse(Buffer.buffer("not json")));
        assertThrows(MalformedMessageException.class, () -> Wire.parse(Buffer.buffer("[1]")));
        assertThrows(MalformedMessageException.class, () -> Wire.requestHead(new JsonObject().put("method", "GET")));
        assertThrows(MalformedMessageException.class, () -> Wire.requestHead(new JsonObject().put("endpoint", "x")
                .put("method", "GET").put("body", 5)));
    }
}
