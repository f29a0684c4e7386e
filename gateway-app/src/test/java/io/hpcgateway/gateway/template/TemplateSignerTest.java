package io.hpcgateway.gateway.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hpcgateway.gateway.platform.CanonicalJson;
import io.hpcgateway.gateway.platform.Canonicalization;
import io.hpcgateway.gateway.platform.Ed25519Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.erdtman.jcs.JsonCanonicalizer;
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
                signed.signature().publicKey(), HexFormat.of().formatHex(signer.hash(rehashed, Canonicalization.RFC8785)),
                signed.signature().value(), Canonicalization.RFC8785.label()));
        assertTrue(signer.verify(forged).orElseThrow().contains("does not match the key"));
        assertTrue(signer.verify(signed.withSignature(null)).orElseThrow().contains("not signed"));
    }

    @Test
    void newSignaturesAreOverRfc8785AndVerifyWithAnyJcsLibrary() throws Exception {
        TemplateSigner signer = new TemplateSigner(TemplateValidatorTest.JSON, keys);
        KeyPair provider = Ed25519Keys.generate();
        TemplateManifest signed = signer.sign(TemplateValidatorTest.manifest(TemplateValidatorTest.base()), provider);
        assertEquals("RFC8785", signed.signature().canonicalization());
        // As a verifier elsewhere does it: the manifest's JSON without its signature, through JCS.
        ObjectNode document = TemplateValidatorTest.JSON.valueToTree(signed);
        document.remove("signature");
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(new JsonCanonicalizer(document.toString())
                .getEncodedUTF8());
        assertEquals(signed.signature().manifestHash(), HexFormat.of().formatHex(hash));
        assertTrue(Ed25519Keys.verify(signed.signature().publicKey(), hash, signed.signature().value()));
    }

    @Test
    void signaturesOfTheFirstFormStillVerifyAndUnknownFormsAreRefused() throws Exception {
        TemplateSigner signer = new TemplateSigner(TemplateValidatorTest.JSON, keys);
        KeyPair provider = Ed25519Keys.generate();
        TemplateManifest manifest = TemplateValidatorTest.manifest(TemplateValidatorTest.base());
        byte[] oldHash = signer.hash(manifest, Canonicalization.HPCGW_V1);
        TemplateManifest old = manifest.withSignature(new TemplateManifest.Signature("Ed25519",
                Ed25519Keys.publicKeyBase64(provider), HexFormat.of().formatHex(oldHash),
                Base64.getEncoder().encodeToString(Ed25519Keys.sign(provider.getPrivate(), oldHash))));
        assertEquals(Optional.empty(), signer.verify(old));
        TemplateManifest.Signature s = old.signature();
        assertTrue(signer.verify(old.withSignature(new TemplateManifest.Signature(s.algorithm(), s.publicKey(),
                s.manifestHash(), s.value(), "XML-C14N"))).orElseThrow().contains("canonicalization"));
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
