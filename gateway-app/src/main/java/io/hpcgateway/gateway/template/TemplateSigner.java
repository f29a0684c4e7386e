package io.hpcgateway.gateway.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.hpcgateway.gateway.platform.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Ed25519 signatures (the JDK's own EdDSA) over the SHA-256 of a manifest's canonical JSON: keys
 * sorted at every level, no whitespace, the signature block left out. Any change after signing
 * changes the hash, and verification names it: "hash mismatch". The gateway signs the built-ins
 * with its own key, kept in the key directory (generated on first use, never committed).
 */
@ApplicationScoped
public class TemplateSigner {

    static final String ALGORITHM = "Ed25519";
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
        byte[] hash = hash(manifest);
        if (!HexFormat.of().formatHex(hash).equalsIgnoreCase(String.valueOf(signature.manifestHash()))) {
            return Optional.of("signature verification failed: hash mismatch");
        }
        try {
            PublicKey key = KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(signature.publicKey())));
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(hash);
            return verifier.verify(Base64.getDecoder().decode(signature.value())) ? Optional.empty()
                    : Optional.of("signature verification failed: the signature does not match the key");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.of("signature verification failed: unreadable key or signature");
        }
    }

    /** Signs with the given key pair (a provider's, or the gateway's for built-ins). */
    public TemplateManifest sign(TemplateManifest manifest, KeyPair key) {
        byte[] hash = hash(manifest);
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key.getPrivate());
            signer.update(hash);
            return manifest.withSignature(new TemplateManifest.Signature(ALGORITHM,
                    Base64.getEncoder().encodeToString(key.getPublic().getEncoded()), HexFormat.of().formatHex(hash),
                    Base64.getEncoder().encodeToString(signer.sign())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public TemplateManifest signAsGateway(TemplateManifest manifest) {
        return sign(manifest, gatewayKey());
    }

    public static KeyPair newKeyPair() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of the canonical JSON of everything but the signature. */
    byte[] hash(TemplateManifest manifest) {
        try {
            ObjectNode tree = json.valueToTree(manifest.withSignature(null));
            return MessageDigest.getInstance("SHA-256").digest(canonical(tree).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String canonical(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            StringBuilder out = new StringBuilder("{");
            for (String name : names) {
                if (node.get(name).isNull()) {
                    continue;
                }
                out.append(out.length() > 1 ? "," : "").append(TextNode.valueOf(name)).append(':')
                        .append(canonical(node.get(name)));
            }
            return out.append('}').toString();
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            return "[" + String.join(",", items) + "]";
        }
        return node.toString();
    }

    private synchronized KeyPair gatewayKey() {
        if (gatewayKey == null) {
            gatewayKey = loadOrCreate(keyDirectory.resolve(KEY_FILE));
        }
        return gatewayKey;
    }

    /** The PKCS#8 private key (owner-only file) and its X.509 public key beside it, created on first use. */
    private static KeyPair loadOrCreate(Path file) {
        Path publicFile = file.resolveSibling(file.getFileName() + ".pub");
        try {
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            if (!Files.exists(file) || !Files.exists(publicFile)) {
                Files.createDirectories(file.getParent());
                KeyPair created = newKeyPair();
                Path temporary = Files.createTempFile(file.getParent(), "template-key", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(temporary, created.getPrivate().getEncoded());
                Files.write(publicFile, created.getPublic().getEncoded());
                Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                return created;
            }
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(file)));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicFile)));
            return new KeyPair(publicKey, privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The template signing key " + file + " is unreadable", e);
        }
    }
}
