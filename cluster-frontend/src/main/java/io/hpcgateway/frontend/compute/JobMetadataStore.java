package io.hpcgateway.frontend.compute;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpcgateway.frontend.platform.FrontendConfig;
import io.hpcgateway.frontend.scheduler.JobMetadata;
import io.hpcgateway.frontend.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Keeps what each job was submitted with (script, resolved stdin/stdout/stderr) under
 * {@code <data-dir>/job-metadata/<scheduler>/<id>.json}: SLURM forgets scripts once a job leaves
 * the controller, and this front end answers {@code metadata} for the job's whole life.
 */
@ApplicationScoped
public class JobMetadataStore {

    private final Path dir;
    private final ObjectMapper json;

    JobMetadataStore(FrontendConfig config, Scheduler scheduler, ObjectMapper json) {
        this.dir = config.dataDir().resolve("job-metadata").resolve(scheduler.type());
        this.json = json;
    }

    void save(JobMetadata metadata) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "meta", ".tmp");
            json.writeValue(tmp.toFile(), metadata);
            Files.move(tmp, file(metadata.jobId()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the metadata of job " + metadata.jobId(), e);
        }
    }

    Optional<JobMetadata> find(long jobId) {
        Path file = file(jobId);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), JobMetadata.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(long jobId) {
        return dir.resolve(jobId + ".json");
    }
}
