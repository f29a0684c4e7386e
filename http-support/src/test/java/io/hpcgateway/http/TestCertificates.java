package io.hpcgateway.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private CA and a server certificate it signed (ECDSA P-256, valid two days), made with
 * {@code openssl} at test time, never committed: {@code ca.crt}, {@code tls.crt} and {@code tls.key}.
 */
public record TestCertificates(Path directory) {

    /** The names a certificate made here is valid for: this machine under every name the tests use. */
    public static final String SUBJECT_ALT_NAMES = "DNS:localhost,IP:127.0.0.1";

    public static TestCertificates in(Path directory) {
        try {
            Files.createDirectories(directory);
            TestCertificates certificates = new TestCertificates(directory);
            if (!Files.exists(certificates.certificate())) {
                certificates.make();
            }
            return certificates;
        } catch (IOException e) {
            throw new IllegalStateException("openssl could not make a test certificate in " + directory, e);
        }
    }

    public Path ca() {
        return directory.resolve("ca.crt");
    }

    public Path certificate() {
        return directory.resolve("tls.crt");
    }

    public Path key() {
        return directory.resolve("tls.key");
    }

    /** A trust store holding the test CA alone, so a client verifies the server's certificate and name. */
    public KeyStore trustStore() {
        try (InputStream in = Files.newInputStream(ca())) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            return trust;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + ca(), e);
        }
    }

    /** A port nothing listens on now, for a server the test configures before it starts. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void make() throws IOException {
        Path extensions = directory.resolve("server.ext");
        Files.writeString(extensions, "subjectAltName=" + SUBJECT_ALT_NAMES + "\nextendedKeyUsage=serverAuth\n");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=HPC Gateway test CA");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "tls.key", "-out", "tls.csr", "-subj", "/CN=localhost");
        openssl("x509", "-req", "-in", "tls.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "tls.crt", "-days", "2", "-extfile", "server.ext");
    }

    private void openssl(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("openssl.log").toFile()).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("openssl " + arguments[0] + " failed; see " + directory.resolve("openssl.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
