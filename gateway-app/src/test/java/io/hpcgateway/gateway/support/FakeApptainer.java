package io.hpcgateway.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A stand-in for Apptainer, which has no package on this machine: it checks that it is called the
 * way the gateway's job scripts call a container runtime ({@code exec [--bind dir] image command...}),
 * reports the image and bind on stderr, then runs the command on the host. Everything else in
 * those jobs (sbatch, srun, the job folder) is real.
 */
public final class FakeApptainer {

    static final Path PATH = FrontendProcess.DATA.resolve("bin/apptainer");

    private static final String SCRIPT = """
            #!/bin/sh
            [ "$1" = exec ] || { echo "fake-apptainer: expected 'exec', got '$1'" >&2; exit 64; }
            shift
            while [ "${1#--}" != "$1" ]; do
              case "$1" in
                --bind|--pwd|--network) echo "fake-apptainer: option $1 $2" >&2; shift 2 ;;
                *) echo "fake-apptainer: option $1" >&2; shift ;;
              esac
            done
            echo "fake-apptainer: image $1" >&2
            shift
            exec "$@"
            """;

    private FakeApptainer() {}

    static Path install() {
        try {
            Files.createDirectories(PATH.getParent());
            Files.writeString(PATH, SCRIPT);
            Files.setPosixFilePermissions(PATH, PosixFilePermissions.fromString("rwxr-xr-x"));
            return PATH;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
