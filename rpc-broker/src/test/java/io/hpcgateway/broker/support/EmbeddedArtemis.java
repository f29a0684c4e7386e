package io.hpcgateway.broker.support;

import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/** ActiveMQ Artemis in the test JVM, speaking AMQP 1.0 on a fixed port so it can be stopped and started again. */
public final class EmbeddedArtemis {

    private final int port;
    private EmbeddedActiveMQ server;

    public EmbeddedArtemis(int port) {
        this.port = port;
    }

    public int port() {
        return port;
    }

    public void start() throws Exception {
        Configuration config = new ConfigurationImpl().setPersistenceEnabled(false).setSecurityEnabled(false)
                .addAcceptorConfiguration("amqp", "tcp://127.0.0.1:" + port + "?protocols=AMQP")
                // Without ANYCAST defaults a request sent before the relay attaches would never be delivered.
                .addAddressSetting("#", new AddressSettings().setDefaultAddressRoutingType(RoutingType.ANYCAST)
                        .setDefaultQueueRoutingType(RoutingType.ANYCAST).setAutoCreateAddresses(true)
                        .setAutoCreateQueues(true));
        server = new EmbeddedActiveMQ().setConfiguration(config);
        server.start();
    }

    public void stop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
