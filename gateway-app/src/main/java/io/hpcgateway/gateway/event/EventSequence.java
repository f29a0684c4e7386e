package io.hpcgateway.gateway.event;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

/**
 * The event log's ids: one counter document incremented atomically, so every gateway on the
 * database draws from the same strictly increasing sequence without a transaction.
 */
@ApplicationScoped
class EventSequence {

    private static final String NAME = "events";

    long next() {
        Document counter = counters().findOneAndUpdate(Filters.eq("_id", NAME), Updates.inc("value", 1L),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return ((Number) counter.get("value")).longValue();
    }

    private static MongoCollection<Document> counters() {
        return GatewayEvent.mongoDatabase().getCollection("counters");
    }
}
