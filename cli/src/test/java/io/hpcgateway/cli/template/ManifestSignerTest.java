package io.hpcgateway.cli.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestSignerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSignatureCoversTheCanonicalManifestAndVerifiesWithTheKeyItNames(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("provider.key");
        String publicKey = ManifestSigner.generate(key);
        ObjectNode manifest = (ObjectNode) JSON.readTree("{\"version\":\"1.0.0\",\"template_id\":\"t\",\"x\":null,"
                + "\"resources\":{\"max_nodes\":4,\"min_nodes\":1.0}}");
        ObjectNode signed = ManifestSigner.sign(manifest, key);

        var signature = signed.path("signature");
        assertEquals(publicKey, signature.path("public_key").asText(), "the public half derived from the private key");
        assertEquals("RFC8785", signature.path("canonicalization").asText());
        String canonical = "{\"resources\":{\"max_nodes\":4,\"min_nodes\":1},\"template_id\":\"t\",\"version\":\"1.0.0\"}";
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(hash), signature.path("manifest_hash").asText());
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey))));
        verifier.update(hash);
        assertTrue(verifier.verify(Base64.getDecoder().decode(signature.path("value").asText())));

        ObjectNode resigned = ManifestSigner.sign(signed, key);
        assertEquals(signature.path("manifest_hash"), resigned.path("signature").path("manifest_hash"),
                "an old signature block is not signed over");
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));
    }
}
