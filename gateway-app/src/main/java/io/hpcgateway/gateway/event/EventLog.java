package io.hpcgateway.gateway.event;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

/**
 * The event log in MongoDB: appended to as things happen, read in id order by the streams
 * ({@link EventFeed}) and by the JSON pages of {@code GET /api/v2/events}.
 */
@ApplicationScoped
public class EventLog {

    private static final Logger LOG = Logger.getLogger(EventLog.class);
    /** A taken id means another draw raced this one; more than a few in a row means something else is wrong. */
    private static final int MAX_DRAWS = 10;

    private final EventSequence sequence;
    private final Event<EventAppended> appended;

    EventLog(EventSequence sequence, Event<EventAppended> appended) {
        this.sequence = sequence;
        this.appended = appended;
    }

    void createIndexes(@Observes @Priority(10) StartupEvent event) {
        GatewayEvent.mongoCollection().createIndex(Indexes.ascending("owner", "_id"));
        GatewayEvent.mongoCollection().createIndex(Indexes.ascending("jobId", "_id"));
    }

    /**
     * Stores an event with the next id and tells this gateway's streams at once (others poll).
     * What it records has happened already, so a database failure here is logged, never thrown:
     * the event is lost to the streams, and the job's own history still has the transition.
     */
    public void append(String type, String owner, String jobId, Map<String, Object> data) {
        GatewayEvent event = new GatewayEvent();
        event.type = type;
        event.owner = owner;
        event.jobId = jobId;
        event.at = Instant.now();
        event.data = data;
        try {
            store(event);
        } catch (RuntimeException e) {
            LOG.errorf("Event %s of %s (job %s) could not be stored: %s", type, owner, jobId, e.getMessage());
            return;
        }
        appended.fire(new EventAppended(event.id));
    }

    /** Inserts with a fresh id, drawing again while the id drawn is already stored (see {@link EventSequence}). */
    private void store(GatewayEvent event) {
        for (int attempt = 1; ; attempt++) {
            event.id = sequence.next();
            try {
                event.persist();
                return;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY || attempt == MAX_DRAWS) {
                    throw e;
                }
            }
        }
    }

    /** Every user's events after {@code afterId}, in id order: what the feed walks. */
    List<GatewayEvent> allAfter(long afterId, int limit) {
        return GatewayEvent.<GatewayEvent>mongoCollection().find(Filters.gt("_id", afterId))
                .sort(Sorts.ascending("_id")).limit(limit).into(new ArrayList<>());
    }

    /** One user's events (of one job, when {@code jobId} is set) in {@code (afterId, upTo]}, in id order. */
    public List<GatewayEvent> ofOwner(String owner, String jobId, long afterId, long upTo, int limit) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq("owner", owner), Filters.gt("_id", afterId),
                Filters.lte("_id", upTo)));
        if (jobId != null) {
            filters.add(Filters.eq("jobId", jobId));
        }
        return GatewayEvent.<GatewayEvent>mongoCollection().find(Filters.and(filters))
                .sort(Sorts.ascending("_id")).limit(limit).into(new ArrayList<>());
    }

    /** The highest id stored so far (0 for an empty log). */
    long latest() {
        GatewayEvent last = GatewayEvent.<GatewayEvent>mongoCollection().find().sort(Sorts.descending("_id")).limit(1)
                .first();
        return last == null ? 0 : last.id;
    }
}
