package io.hpcgateway.cli.http;

import io.hpcgateway.cli.CliException;
import io.hpcgateway.cli.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS trust: the JDK's CAs, or a site's own CA certificates (PEM) instead. Host names are always checked. */
public final class Tls {

    private Tls() {}

    /** null (the JDK's defaults) without a CA file. */
    public static SSLContext trusting(String caFile) {
        if (caFile == null) {
            return null;
        }
        try (InputStream in = Files.newInputStream(Path.of(caFile))) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + n++, certificate);
            }
            if (n == 0) {
                throw new CliException(ExitCodes.USAGE, "The CA file " + caFile + " holds no PEM certificate");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new CliException(ExitCodes.USAGE, "Cannot read the CA file " + caFile + ": " + e.getMessage());
        }
    }
}
