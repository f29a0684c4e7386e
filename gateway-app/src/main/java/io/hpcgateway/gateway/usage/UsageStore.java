package io.hpcgateway.gateway.usage;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.conversions.Bson;

/** Reads usage records: for export (oldest first, from a moment on) and per job. */
@ApplicationScoped
public class UsageStore {

    void createIndexes(@Observes StartupEvent event) {
        UsageRecord.mongoCollection().createIndex(Indexes.ascending("timestamp", "_id"));
        UsageRecord.mongoCollection().createIndex(Indexes.ascending("customer", "timestamp"));
        UsageRecord.mongoCollection().createIndex(Indexes.ascending("jobId", "sequence"));
    }

    /** Records written at or after {@code since}, oldest first; all customers' when {@code customer} is null. */
    public List<UsageRecord> since(String customer, Instant since, int limit) {
        List<Bson> filters = new ArrayList<>();
        if (customer != null) {
            filters.add(Filters.eq("customer", customer));
        }
        if (since != null) {
            filters.add(Filters.gte("timestamp", since));
        }
        return UsageRecord.<UsageRecord>mongoCollection().find(filters.isEmpty() ? Filters.empty() : Filters.and(filters))
                .sort(Sorts.ascending("timestamp", "_id")).limit(limit).into(new ArrayList<>());
    }

    /** A job's records in order. */
    public List<UsageRecord> ofJob(String jobId) {
        return UsageRecord.<UsageRecord>mongoCollection().find(Filters.eq("jobId", jobId))
                .sort(Sorts.ascending("sequence")).into(new ArrayList<>());
    }
}
