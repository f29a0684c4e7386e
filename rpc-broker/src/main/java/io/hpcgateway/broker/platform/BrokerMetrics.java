package io.hpcgateway.broker.platform;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Prometheus metrics at {@code /q/metrics}: {@code rpc_broker_requests_total{mode,outcome}} and
 * {@code rpc_broker_request_duration_seconds{mode}}. Outcomes: {@code answered} (any status the
 * gateway gave), {@code refused} (400: malformed or unsafe), {@code timeout} (504),
 * {@code failed} (502: the gateway could not be reached), {@code dead_lettered}.
 */
@ApplicationScoped
public class BrokerMetrics {

    private final MeterRegistry registry;

    BrokerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void request(String mode, String outcome, long startNanos) {
        registry.counter("rpc.broker.requests", "mode", mode, "outcome", outcome).increment();
        Timer.builder("rpc.broker.request.duration").tag("mode", mode).publishPercentileHistogram()
                .register(registry).record(Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
