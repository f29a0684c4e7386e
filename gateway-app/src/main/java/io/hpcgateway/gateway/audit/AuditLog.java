package io.hpcgateway.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.hpcgateway.gateway.platform.GatewayConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

/**
 * Writes audit events to MongoDB (queryable by admins) and, when configured, appends them as JSON
 * lines to a file for log shipping. A failure to write the file is logged, never fails the request.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    private final ObjectMapper json;
    private final Optional<Path> file;

    AuditLog(ObjectMapper json, GatewayConfig config) {
        this.json = json;
        this.file = config.audit().file();
    }

    void createIndexes(@Observes StartupEvent event) {
        AuditEvent.mongoCollection().createIndex(Indexes.descending("timestamp"));
        AuditEvent.mongoCollection().createIndex(Indexes.ascending("jobId", "timestamp"));
    }

    public void record(String type, String jobId, String cluster, String actor, Map<String, Object> details,
                       boolean success) {
        AuditEvent event = new AuditEvent();
        event.id = UUID.randomUUID().toString();
        event.timestamp = Instant.now();
        event.eventType = type;
        event.jobId = jobId;
        event.clusterId = cluster;
        event.actor = actor;
        event.details = details;
        event.success = success;
        event.persist();
        file.ifPresent(path -> append(path, event));
    }

    /** Events newest first, optionally of one type or job, since a moment. */
    public List<AuditEvent> query(String type, String jobId, Instant since, int limit) {
        List<Bson> filters = new ArrayList<>();
        Optional.ofNullable(type).ifPresent(t -> filters.add(Filters.eq("eventType", t)));
        Optional.ofNullable(jobId).ifPresent(j -> filters.add(Filters.eq("jobId", j)));
        Optional.ofNullable(since).ifPresent(s -> filters.add(Filters.gte("timestamp", s)));
        return AuditEvent.<AuditEvent>mongoCollection().find(filters.isEmpty() ? Filters.empty() : Filters.and(filters))
                .sort(Sorts.descending("timestamp")).limit(limit).into(new ArrayList<>());
    }

    private synchronized void append(Path path, AuditEvent event) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            if (!Files.exists(path)) {
                try {
                    // Who did what, when: for the provider's eyes, not every local account's.
                    Files.createFile(path, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                } catch (FileAlreadyExistsException raced) {
                    // another gateway writing the same file made it first
                }
            }
            Files.write(path, (json.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.APPEND);
        } catch (JsonProcessingException e) {
            LOG.errorf("Audit event %s could not be serialised: %s", event.id, e.getMessage());
        } catch (IOException e) {
            LOG.errorf("Audit file %s could not be written: %s", path, e.getMessage());
        }
    }
}
