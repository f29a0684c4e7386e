package io.hpcgateway.frontend.scheduler.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.hpcgateway.frontend.identity.UnixAccount;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One folder per job under {@code <data-dir>/local-jobs/<id>/}, the front end's alone:
 * {@code job.json} (the record, replaced atomically) and {@code rc} (the exit status, written by
 * the front end's wrapper shell, so it survives the front end). The script waits in a spool
 * folder of its own, {@code <data-dir>/local-spool/<id>/script}, handed to the job's user (as
 * slurmd keeps {@code slurm_script}) and removed when the job ends.
 */
class LocalJobStore {

    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");
    /** Others may pass through to their own job's folder, but not list the others. */
    private static final Set<PosixFilePermission> PASS_THROUGH = PosixFilePermissions.fromString("rwx--x--x");

    private final Path root;
    private final Path spool;
    private final ObjectMapper json;

    LocalJobStore(Path root, Path spool, ObjectMapper json) {
        // Absolute: the job's wrapper shell writes its exit status from inside the job's own directory.
        this.root = root.toAbsolutePath();
        this.spool = spool.toAbsolutePath();
        this.json = json;
        try {
            Files.createDirectories(root);
            Files.setPosixFilePermissions(root, PRIVATE);
            Files.createDirectories(spool);
            Files.setPosixFilePermissions(spool, PASS_THROUGH);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + root + " and " + spool, e);
        }
    }

    /** Writes the script where its user (when jobs run as their users) alone can read and run it. */
    void writeScript(long id, String script, Optional<UnixAccount> owner) {
        Path dir = spool.resolve(Long.toString(id));
        Path file = dir.resolve("script");
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PRIVATE);
            Files.writeString(file, script);
            Files.setPosixFilePermissions(file, PRIVATE);
            if (owner.isPresent()) {
                for (Path path : List.of(file, dir)) {
                    Files.setAttribute(path, "unix:uid", (int) owner.get().uid(), LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(path, "unix:gid", (int) owner.get().gid(), LinkOption.NOFOLLOW_LINKS);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the script of local job " + id, e);
        }
    }

    void removeScript(long id) {
        Path dir = spool.resolve(Long.toString(id));
        try {
            Files.deleteIfExists(dir.resolve("script"));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the script of local job " + id, e);
        }
    }

    List<LocalJobRecord> loadAll() {
        List<LocalJobRecord> records = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.toList()) {
                Path file = dir.resolve("job.json");
                if (Files.isRegularFile(file)) {
                    records.add(json.readValue(file.toFile(), LocalJobRecord.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the local job records in " + root, e);
        }
        return records;
    }

    void save(LocalJobRecord job) {
        Path dir = jobDir(job.id);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "job", ".tmp");
            json.writeValue(tmp.toFile(), job);
            try {
                Files.move(tmp, dir.resolve("job.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve("job.json"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save local job " + job.id, e);
        }
    }

    Path scriptFile(long id) {
        return spool.resolve(Long.toString(id)).resolve("script");
    }

    Path exitStatusFile(long id) {
        return jobDir(id).resolve("rc");
    }

    /** The exit status the wrapper wrote, or null if it never finished writing one. */
    Integer readExitStatus(long id) {
        try {
            String text = Files.readString(exitStatusFile(id)).strip();
            return text.isEmpty() ? null : Integer.valueOf(text);
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private Path jobDir(long id) {
        return root.resolve(Long.toString(id));
    }
}
