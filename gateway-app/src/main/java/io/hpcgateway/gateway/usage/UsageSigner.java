package io.hpcgateway.gateway.usage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpcgateway.gateway.platform.Canonicalization;
import io.hpcgateway.gateway.platform.Ed25519Keys;
import io.hpcgateway.gateway.platform.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;

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
        this.keyId = Ed25519Keys.fingerprint(Ed25519Keys.publicKeyBase64(key)).orElseThrow();
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
        record.canonicalization = Canonicalization.RFC8785.label();
        record.signature = Base64.getEncoder().encodeToString(Ed25519Keys.sign(key.getPrivate(),
                signedBytes(record, Canonicalization.RFC8785)));
    }

    /** Whether the record, as it is now, carries this provider's valid signature (in the form it names). */
    public boolean verify(UsageRecord record) {
        return record.signature != null && keyId.equals(record.keyId)
                && Canonicalization.named(record.canonicalization).map(form ->
                        Ed25519Keys.verify(publicKey(), signedBytes(record, form), record.signature)).orElse(false);
    }

    private byte[] signedBytes(UsageRecord record, Canonicalization form) {
        return form.canonical(json.valueToTree(UsageRecordView.of(record).withoutSignature()))
                .getBytes(StandardCharsets.UTF_8);
    }
}
