package io.hpcgateway.gateway.template;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import io.hpcgateway.gateway.audit.AuditLog;
import io.hpcgateway.gateway.platform.ApiException;
import io.hpcgateway.gateway.platform.Ed25519Keys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The registry of provider signing keys that admins keep: a template's signature proves the
 * manifest intact, and its key being registered to the submitting provider proves who published
 * it. A key is registered to one provider; revoking it stops new submissions signed with it.
 */
@ApplicationScoped
public class ProviderKeys {

    private static final int DUPLICATE_KEY = 11000;

    private final AuditLog audit;

    ProviderKeys(AuditLog audit) {
        this.audit = audit;
    }

    public ProviderKey register(String provider, String publicKey, String admin) {
        if (provider == null || provider.isBlank() || provider.length() > 256) {
            throw ApiException.badRequest("provider", "Name the provider by their account's token subject");
        }
        String keyId = Ed25519Keys.fingerprint(publicKey).orElseThrow(() -> ApiException.badRequest("publicKey",
                "'publicKey' must be an Ed25519 public key, base64 X.509 (as a signed manifest's signature.public_key)"));
        ProviderKey existing = ProviderKey.findById(keyId);
        if (existing != null) {
            if (!existing.provider.equals(provider) || existing.revokedAt != null) {
                throw ApiException.conflict("Key " + keyId + (existing.revokedAt != null ? " was revoked"
                        : " is registered to another provider") + "; a provider signs with a key of their own",
                        Map.of("keyId", keyId));
            }
            return existing;
        }
        ProviderKey key = new ProviderKey();
        key.keyId = keyId;
        key.provider = provider;
        key.publicKey = publicKey;
        key.registeredBy = admin;
        key.registeredAt = Instant.now();
        try {
            key.persist();
        } catch (MongoWriteException e) {
            if (e.getError().getCode() == DUPLICATE_KEY) {
                return register(provider, publicKey, admin); // registered concurrently: answer as for an existing one
            }
            throw e;
        }
        audit.record("provider_key_registered", null, null, admin, Map.of("provider", provider, "key_id", keyId), true);
        return key;
    }

    public List<ProviderKey> list(String provider) {
        return provider == null || provider.isBlank() ? ProviderKey.<ProviderKey>listAll()
                : ProviderKey.<ProviderKey>mongoCollection().find(Filters.eq("provider", provider))
                        .into(new ArrayList<>());
    }

    public ProviderKey revoke(String keyId, String admin) {
        ProviderKey key = ProviderKey.findById(keyId);
        if (key == null) {
            throw ApiException.notFound("Provider key", keyId);
        }
        if (key.revokedAt == null) {
            key.revokedAt = Instant.now();
            key.revokedBy = admin;
            key.update();
            audit.record("provider_key_revoked", null, null, admin, Map.of("provider", key.provider, "key_id", keyId),
                    true);
        }
        return key;
    }

    /** Refuses a submission whose signing key is not registered to its submitter (or was revoked). */
    void requireRegistered(String provider, String publicKey) {
        String keyId = Ed25519Keys.fingerprint(publicKey).orElse("(unreadable)");
        ProviderKey key = ProviderKey.findById(keyId);
        if (key == null || !key.provider.equals(provider) || key.revokedAt != null) {
            throw new ApiException(422, "signature_key_unregistered", "The manifest is signed with key " + keyId
                    + ", which is not " + (key != null && key.revokedAt != null ? "valid any more (revoked)"
                    : "registered to you") + ": an admin registers your key with PUT /api/v2/admin/provider-keys/"
                    + "{your subject}", Map.of("field", "signature.public_key", "keyId", keyId));
        }
    }
}
