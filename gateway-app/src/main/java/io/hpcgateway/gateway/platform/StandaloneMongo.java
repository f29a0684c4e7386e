package io.hpcgateway.gateway.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded database as a process of its own, standing in for MongoDB where no MongoDB server
 * can run: {@code deploy/local/compose-up.sh} starts it with the compose file's MongoDB settings,
 * so the gateway connects to it with the deployment's connection string and credentials, as it
 * would to the real one. Takes the credentials the way the MongoDB image does
 * ({@code MONGO_INITDB_ROOT_USERNAME}, {@code MONGO_INITDB_ROOT_PASSWORD}, from the environment,
 * never the command line) and refuses every connection that has not authenticated with them.
 *
 * <pre>java -cp 'quarkus-app/lib/main/*:quarkus-app/app/*' io.hpcgateway.gateway.platform.StandaloneMongo HOST PORT DATA_DIR</pre>
 */
public final class StandaloneMongo {

    private StandaloneMongo() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: StandaloneMongo HOST PORT DATA_DIR (credentials: MONGO_INITDB_ROOT_USERNAME, "
                    + "MONGO_INITDB_ROOT_PASSWORD in the environment)");
            System.exit(2);
        }
        String user = required("MONGO_INITDB_ROOT_USERNAME");
        String password = required("MONGO_INITDB_ROOT_PASSWORD");
        Path dir = Files.createDirectories(Path.of(args[2]));
        MongoWireServer server = MongoWireServer.start(dir.resolve("mongo.mv"), user, password, args[0],
                Integer.parseInt(args[1]));
        System.out.printf("MongoDB-wire server on %s:%s (SCRAM-SHA-256 as %s), data in %s%n", args[0], args[1], user, dir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            System.err.println("StandaloneMongo: set " + name);
            System.exit(2);
        }
        return value;
    }
}
