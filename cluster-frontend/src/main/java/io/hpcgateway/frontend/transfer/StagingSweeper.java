package io.hpcgateway.frontend.transfer;

import io.hpcgateway.frontend.platform.FrontendConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Expires what is staged: objects and unfinished multipart uploads older than
 * {@code frontend.staging.expiry}, in every user's bucket. Stores with lifecycle rules would do
 * this themselves ({@link Staging} sets one where it can); this sweeper works on every store,
 * including those without (s3proxy). A transfer job removes an ingested object at once.
 */
@ApplicationScoped
public class StagingSweeper {

    private static final Logger LOG = Logger.getLogger(StagingSweeper.class);

    private final Staging staging;
    private final long intervalMillis;
    private ScheduledExecutorService timer;

    StagingSweeper(Staging staging, FrontendConfig config) {
        this.staging = staging;
        this.intervalMillis = config.staging().sweepInterval().toMillis();
    }

    void start(@Observes StartupEvent event) {
        if (!staging.enabled()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "staging-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::sweepSafely, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Removes what was staged before {@code now - expiry}; returns how many objects and uploads went. */
    public int sweep(Instant now) {
        Instant cutoff = now.minus(staging.expiry());
        S3Client client = staging.client();
        int removed = 0;
        for (Bucket bucket : client.listBuckets().buckets()) {
            if (!bucket.name().startsWith(staging.bucketPrefix())) {
                continue;
            }
            for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket.name())).contents()) {
                if (object.lastModified().isBefore(cutoff)) {
                    client.deleteObject(b -> b.bucket(bucket.name()).key(object.key()));
                    removed++;
                }
            }
            for (MultipartUpload upload : client.listMultipartUploads(b -> b.bucket(bucket.name())).uploads()) {
                if (upload.initiated().isBefore(cutoff)) {
                    client.abortMultipartUpload(b -> b.bucket(bucket.name()).key(upload.key()).uploadId(upload.uploadId()));
                    removed++;
                }
            }
        }
        return removed;
    }

    private void sweepSafely() {
        try {
            int removed = sweep(Instant.now());
            if (removed > 0) {
                LOG.infof("Staging: removed %d expired objects and unfinished uploads", removed);
            }
        } catch (SdkException e) {
            LOG.warnf("Staging sweep failed, trying again in %d s: %s", intervalMillis / 1000, e.getMessage());
        }
    }
}
