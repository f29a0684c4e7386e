package io.hpcgateway.broker.amqp;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@code /q/health/ready} is DOWN while the AMQP connection is (re)connecting. */
@Readiness
@ApplicationScoped
public class BrokerHealth implements HealthCheck {

    private final BrokerConnection broker;

    BrokerHealth(BrokerConnection broker) {
        this.broker = broker;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("amqp-broker").status(broker.isUp()).build();
    }
}
