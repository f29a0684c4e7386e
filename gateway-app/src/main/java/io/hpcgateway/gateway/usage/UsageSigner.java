package io.hpcgateway.gateway.usage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpcgateway.gateway.platform.CanonicalJson;
import io.hpcgateway.gateway.platform.Ed25519Keys;
import io.hpcgateway.gateway.platform.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Signs usage records with the provider's Ed25519 key, so a marketplace or auditor can check that
 * a record is the provider's and unchanged, without trusting the channel it came through.
 */
@ApplicationScoped
public class UsageSigner {

    private static final String KEY_FILE = "usage-signing-ed25519.key";

    private final ObjectMapper json;
    private final KeyPair key;
    private final String keyId;

    UsageSigner(ObjectMapper json, GatewayConfig config) {
        this.json = json;
        this.key = Ed25519Keys.loadOrCreate(config.usage().signingKeyDirectory()
                .orElse(config.auth().devKeyDirectory()).resolve(KEY_FILE));
        this.keyId = fingerprint(key);
    }

    /** The public half, base64 X.509, for verifiers. */
    public String publicKey() {
        return Ed25519Keys.publicKeyBase64(key);
    }

    public String keyId() {
        return keyId;
    }

    void sign(UsageRecord record) {
        record.keyId = keyId;
        record.signature = Base64.getEncoder().encodeToString(Ed25519Keys.sign(key.getPrivate(), signedBytes(record)));
    }

    /** Whether the record, as it is now, carries this provider's valid signature. */
    public boolean verify(UsageRecord record) {
        return record.signature != null && keyId.equals(record.keyId)
                && Ed25519Keys.verify(publicKey(), signedBytes(record), record.signature);
    }

    private byte[] signedBytes(UsageRecord record) {
        return CanonicalJson.of(json.valueToTree(UsageRecordView.of(record).withoutSignature()))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The first 16 hex digits of the public key's SHA-256: names the key without a registry. */
    private static String fingerprint(KeyPair key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getPublic().getEncoded()))
                    .substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
