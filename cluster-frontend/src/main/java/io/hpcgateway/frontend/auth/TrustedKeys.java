package io.hpcgateway.frontend.auth;

import io.hpcgateway.devkeys.DevKeyPair;
import java.nio.file.Path;
import java.security.Key;
import java.util.List;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * The keys a token may be signed with: PEM public key files and JWKS URLs, each trusted alike. A
 * token is verified with the first source whose key verifies its signature, so a front end can
 * trust, say, its identity provider's JWKS and a gateway's own cluster key at once.
 */
final class TrustedKeys implements VerificationKeyResolver {

    private interface Source {
        Key candidate(JsonWebSignature jws, List<JsonWebStructure> nesting) throws UnresolvableKeyException;
    }

    private final List<Source> sources;
    private final List<String> locations;

    private TrustedKeys(List<String> locations) {
        this.locations = List.copyOf(locations);
        this.sources = locations.stream().map(TrustedKeys::source).toList();
    }

    /** The configured locations, or the embedded default's two: the dev key and the gateway's cluster key. */
    static TrustedKeys of(List<String> configured, Path devKeyDirectory) {
        if (!configured.isEmpty()) {
            return new TrustedKeys(configured);
        }
        return new TrustedKeys(List.of(DevKeyPair.ensure(devKeyDirectory).toString(),
                DevKeyPair.ensureCluster(devKeyDirectory).toString()));
    }

    List<String> locations() {
        return locations;
    }

    private static Source source(String location) {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            HttpsJwksVerificationKeyResolver jwks = new HttpsJwksVerificationKeyResolver(new HttpsJwks(location));
            return jwks::resolveKey;
        }
        Key key = DevKeyPair.readPublicKey(Path.of(location));
        return (jws, nesting) -> key;
    }

    @Override
    public Key resolveKey(JsonWebSignature jws, List<JsonWebStructure> nesting) throws UnresolvableKeyException {
        if (sources.size() == 1) {
            return sources.get(0).candidate(jws, nesting);
        }
        for (Source source : sources) {
            try {
                Key key = source.candidate(jws, nesting);
                jws.setKey(key);
                if (jws.verifySignature()) {
                    return key;
                }
            } catch (JoseException notThisOne) {
                // another key set, a key of another type: try the next source
            }
        }
        throw new UnresolvableKeyException("no trusted key verifies the signature");
    }
}
