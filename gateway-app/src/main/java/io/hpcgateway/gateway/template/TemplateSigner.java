package io.hpcgateway.gateway.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hpcgateway.gateway.platform.Canonicalization;
import io.hpcgateway.gateway.platform.Ed25519Keys;
import io.hpcgateway.gateway.platform.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Ed25519 signatures (the JDK's own EdDSA) over the SHA-256 of a manifest's canonical JSON (RFC 8785
 * for new signatures; older ones name no canonicalization and used the gateway's first form), the
 * signature block left out. Any change after signing
 * changes the hash, and verification names it: "hash mismatch". The gateway signs the built-ins
 * with its own key, kept in the key directory (see {@link Ed25519Keys}).
 */
@ApplicationScoped
public class TemplateSigner {

    static final String ALGORITHM = Ed25519Keys.ALGORITHM;
    private static final String KEY_FILE = "template-signing-ed25519.key";

    private final ObjectMapper json;
    private final Path keyDirectory;
    private KeyPair gatewayKey;

    @Inject
    TemplateSigner(ObjectMapper json, GatewayConfig config) {
        this(json, config.templates().signingKeyDirectory().orElse(config.auth().devKeyDirectory()));
    }

    TemplateSigner(ObjectMapper json, Path keyDirectory) {
        this.json = json;
        this.keyDirectory = keyDirectory;
    }

    /** Why a signature does not hold, or empty when it does. */
    public Optional<String> verify(TemplateManifest manifest) {
        TemplateManifest.Signature signature = manifest.signature();
        if (signature == null || signature.value() == null || signature.publicKey() == null) {
            return Optional.of("signature verification failed: the template is not signed");
        }
        if (!ALGORITHM.equalsIgnoreCase(signature.algorithm())) {
            return Optional.of("signature verification failed: algorithm must be Ed25519");
        }
        Optional<Canonicalization> canonicalization = Canonicalization.named(signature.canonicalization());
        if (canonicalization.isEmpty()) {
            return Optional.of("signature verification failed: canonicalization must be "
                    + Canonicalization.RFC8785.label());
        }
        byte[] hash = hash(manifest, canonicalization.get());
        if (!HexFormat.of().formatHex(hash).equalsIgnoreCase(String.valueOf(signature.manifestHash()))) {
            return Optional.of("signature verification failed: hash mismatch");
        }
        return Ed25519Keys.verify(signature.publicKey(), hash, signature.value()) ? Optional.empty()
                : Optional.of("signature verification failed: the signature does not match the key or is unreadable");
    }

    /** Signs with the given key pair (a provider's, or the gateway's for built-ins). */
    public TemplateManifest sign(TemplateManifest manifest, KeyPair key) {
        byte[] hash = hash(manifest, Canonicalization.RFC8785);
        return manifest.withSignature(new TemplateManifest.Signature(ALGORITHM, Ed25519Keys.publicKeyBase64(key),
                HexFormat.of().formatHex(hash), Base64.getEncoder().encodeToString(Ed25519Keys.sign(key.getPrivate(), hash)),
                Canonicalization.RFC8785.label()));
    }

    public TemplateManifest signAsGateway(TemplateManifest manifest) {
        return sign(manifest, gatewayKey());
    }

    /** SHA-256 of the canonical JSON of everything but the signature. */
    byte[] hash(TemplateManifest manifest, Canonicalization canonicalization) {
        try {
            ObjectNode tree = json.valueToTree(manifest.withSignature(null));
            return MessageDigest.getInstance("SHA-256").digest(canonicalization.canonical(tree)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized KeyPair gatewayKey() {
        if (gatewayKey == null) {
            gatewayKey = Ed25519Keys.loadOrCreate(keyDirectory.resolve(KEY_FILE));
        }
        return gatewayKey;
    }
}
