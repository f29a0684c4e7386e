package io.hpcgateway.gateway.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hpcgateway.gateway.platform.CanonicalJson;
import io.hpcgateway.gateway.platform.Ed25519Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateSignerTest {

    @TempDir
    Path keys;

    @Test
    void aSignedManifestVerifiesAndAnyChangeIsAHashMismatch() throws Exception {
        TemplateSigner signer = new TemplateSigner(TemplateValidatorTest.JSON, keys);
        KeyPair provider = Ed25519Keys.generate();
        TemplateManifest signed = signer.sign(TemplateValidatorTest.manifest(TemplateValidatorTest.base()), provider);
        assertEquals(Optional.empty(), signer.verify(signed));
        assertEquals("Ed25519", signed.signature().algorithm());

        ObjectNode tampered = TemplateValidatorTest.JSON.valueToTree(signed);
        ((ObjectNode) tampered.get("resources")).put("max_nodes", 65);
        assertEquals(Optional.of("signature verification failed: hash mismatch"),
                signer.verify(TemplateValidatorTest.JSON.treeToValue(tampered, TemplateManifest.class)));

        // Re-hashing the change without the key does not help: the signature is over the hash.
        TemplateManifest rehashed = TemplateValidatorTest.JSON.treeToValue(tampered, TemplateManifest.class);
        TemplateManifest forged = rehashed.withSignature(new TemplateManifest.Signature("Ed25519",
                signed.signature().publicKey(), java.util.HexFormat.of().formatHex(signer.hash(rehashed)),
                signed.signature().value()));
        assertTrue(signer.verify(forged).orElseThrow().contains("does not match the key"));
        assertTrue(signer.verify(signed.withSignature(null)).orElseThrow().contains("not signed"));
    }

    @Test
    void canonicalFormIgnoresKeyOrderAndWhitespace() throws Exception {
        String a = CanonicalJson.of(TemplateValidatorTest.JSON.readTree("{\"b\": 1, \"a\": {\"d\": [1, 2], \"c\": \"x\"}}"));
        String b = CanonicalJson.of(TemplateValidatorTest.JSON.readTree("{\"a\":{\"c\":\"x\",\"d\":[1,2]},\"b\":1}"));
        assertEquals(a, b);
        assertEquals("{\"a\":{\"c\":\"x\",\"d\":[1,2]},\"b\":1}", a);
        assertNotEquals(a, CanonicalJson.of(TemplateValidatorTest.JSON.readTree("{\"a\":{\"c\":\"x\",\"d\":[2,1]},\"b\":1}")));
    }

    @Test
    void theGatewayKeyIsCreatedOnceAndKeptOwnerOnly() throws Exception {
        TemplateManifest manifest = TemplateValidatorTest.manifest(TemplateValidatorTest.base());
        String first = new TemplateSigner(TemplateValidatorTest.JSON, keys).signAsGateway(manifest).signature().publicKey();
        String again = new TemplateSigner(TemplateValidatorTest.JSON, keys).signAsGateway(manifest).signature().publicKey();
        assertEquals(first, again);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(keys.resolve("template-signing-ed25519.key"))));
    }
}
