package io.hpcgateway.gateway.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpcgateway.gateway.platform.Ed25519Keys;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

/** A provider's side in tests: manifests signed with a provider key of their own. */
public final class TemplateSigning {

    private static final KeyPair PROVIDER = Ed25519Keys.generate();
    private static final TemplateSigner SIGNER = new TemplateSigner(new ObjectMapper(), Path.of("target"));

    private TemplateSigning() {}

    public static TemplateManifest sign(TemplateManifest manifest) {
        return SIGNER.sign(manifest, PROVIDER);
    }

    public static TemplateManifest sign(TemplateManifest manifest, KeyPair key) {
        return SIGNER.sign(manifest, key);
    }

    /** The test provider's public key, base64 X.509, for the provider key registry. */
    public static String publicKey() {
        return Ed25519Keys.publicKeyBase64(PROVIDER);
    }

    /** A native template that sleeps: long enough to be revoked while it runs. */
    public static TemplateManifest signedSleeper(String id, String version) {
        return sign(sleeper(id, version));
    }

    public static TemplateManifest sleeper(String id, String version) {
        return new TemplateManifest(id, "Sleeper", version, "Sleeps for a while", "custom",
                new TemplateManifest.Runtime("native", null, null, null),
                new TemplateManifest.Resources(1, 1, 1, 1, 2, 1, 64L, 1024L, 128L, null, null, null, 1, 10, 5, null,
                        false),
                new TemplateManifest.Security(List.of(), false, false, false, List.of(), "basic"),
                new TemplateManifest.Entrypoint("sleep 300", null, false, false), List.of(), List.of(),
                List.of("test"), null);
    }
}
