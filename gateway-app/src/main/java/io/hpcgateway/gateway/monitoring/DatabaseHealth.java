package io.hpcgateway.gateway.monitoring;

import com.mongodb.client.MongoClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness of the database: a {@code ping} through the real driver. */
@Readiness
@ApplicationScoped
public class DatabaseHealth implements HealthCheck {

    private final MongoClient mongo;
    private final String database;

    DatabaseHealth(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.mongo = mongo;
        this.database = database;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            mongo.getDatabase(database).runCommand(new Document("ping", 1));
            return HealthCheckResponse.named("database").up().build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("database").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
