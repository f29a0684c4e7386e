package io.hpcgateway.frontend.scheduler.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One folder per job under {@code <data-dir>/local-jobs/<id>/}: {@code job.json} (the record,
 * replaced atomically), {@code script} (what runs) and {@code rc} (the exit status, written by
 * the job's wrapper shell, so it survives the front end).
 */
class LocalJobStore {

    private final Path root;
    private final ObjectMapper json;

    LocalJobStore(Path root, ObjectMapper json) {
        // Absolute: the job's wrapper shell writes its exit status from inside the job's own directory.
        this.root = root.toAbsolutePath();
        this.json = json;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + root, e);
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
        return jobDir(id).resolve("script");
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
