package io.hpcgateway.devkeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevKeyPairTest {

    @TempDir
    Path dir;

    @Test
    void servicesStartingTogetherEndWithOneMatchingPair() throws Exception {
        List<CompletableFuture<Path>> starts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            starts.add(CompletableFuture.supplyAsync(() -> DevKeyPair.ensure(dir)));
        }
        starts.forEach(CompletableFuture::join);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(DevKeyPair.readPrivateKey(dir.resolve(DevKeyPair.PRIVATE_KEY_FILE)));
        signer.update("payload".getBytes());
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(DevKeyPair.readPublicKey(dir.resolve(DevKeyPair.PUBLIC_KEY_FILE)));
        verifier.update("payload".getBytes());
        assertTrue(verifier.verify(signature), "the public key belongs to the private key that won");
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(DevKeyPair.PRIVATE_KEY_FILE))));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file is left behind");
        }
    }
}
