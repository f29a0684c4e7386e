package io.hpcgateway.gateway.event;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

/**
 * The event log's ids: one counter document incremented with {@code $inc}, so every gateway on
 * the database draws from the same increasing sequence without a transaction. MongoDB makes the
 * increment atomic; the embedded server does not under concurrent calls, so draws are serialised
 * in this gateway, and {@link EventLog} draws again when an id turns out to be taken.
 */
@ApplicationScoped
class EventSequence {

    private static final String NAME = "events";

    synchronized long next() {
        Document counter = counters().findOneAndUpdate(Filters.eq("_id", NAME), Updates.inc("value", 1L),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return ((Number) counter.get("value")).longValue();
    }

    private static MongoCollection<Document> counters() {
        return GatewayEvent.mongoDatabase().getCollection("counters");
    }
}
