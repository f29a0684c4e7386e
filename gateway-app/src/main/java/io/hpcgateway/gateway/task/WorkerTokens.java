package io.hpcgateway.gateway.task;

import io.hpcgateway.devkeys.DevKeyPair;
import io.hpcgateway.gateway.platform.GatewayConfig;
import io.quarkus.oidc.Oidc;
import io.quarkus.oidc.OidcTenantConfig;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The tokens workers carry: signed by the gateway's worker key, naming the worker and its owner,
 * good only on the worker routes ({@value #PATHS}, an OIDC tenant of their own) and only for the
 * worker they name. A user's token does not work there, and a worker's token works nowhere else.
 */
@ApplicationScoped
public class WorkerTokens {

    static final String ISSUER = "hpc-gateway-workers";
    static final String ROLE = "task-worker";
    static final String WORKER_CLAIM = "hpcgw_worker";
    static final String OWNER_CLAIM = "hpcgw_owner";
    /** What a task pool's pods enrol with ({@link #issue(TaskPool)}). */
    static final String POOL_ROLE = "task-pool";
    static final String POOL_CLAIM = "hpcgw_pool";
    static final String GENERATION_CLAIM = "hpcgw_generation";
    /** A pool's enrolment token lasts this long; the pool's Secret gets a fresh one at half of it. */
    static final Duration POOL_TOKEN_TTL = Duration.ofDays(30);
    static final String SUBJECT_PREFIX = "task-worker:";
    static final String PATHS = "/api/v2/task-workers/*";
    /** Room for a pilot to wait in the scheduler's queue before its wall-clock limit starts. */
    private static final Duration QUEUE_ALLOWANCE = Duration.ofDays(1);

    private final Path publicKey;
    private final PrivateKey signingKey;
    private final Duration ttl;

    WorkerTokens(TaskConfig config, GatewayConfig gateway) {
        Path directory = config.workerKeyDirectory().orElse(gateway.auth().clusterKeyDirectory());
        this.publicKey = DevKeyPair.ensureWorker(directory);
        this.signingKey = DevKeyPair.readPrivateKey(directory.resolve(DevKeyPair.WORKER_PRIVATE_KEY_FILE));
        this.ttl = config.pilot().timeLimit().plus(QUEUE_ALLOWANCE);
    }

    void register(@Observes Oidc oidc) {
        oidc.create(OidcTenantConfig.builder().tenantId("task-workers").tenantPaths(PATHS)
                .publicKey(DevKeyPair.publicKeyBase64(publicKey)).token().issuer(ISSUER).audience(List.of(ISSUER))
                .end().build());
    }

    /** A token for the worker, valid through its pilot's queue wait and wall-clock limit. */
    String issue(TaskWorker worker) {
        Instant now = Instant.now();
        // The subject is the worker's own, so that its requests are limited apart from its owner's (RateLimitFilter).
        return Jwt.issuer(ISSUER).audience(ISSUER).subject(SUBJECT_PREFIX + worker.id).claim(WORKER_CLAIM, worker.id)
                .claim(OWNER_CLAIM, worker.owner)
                .claim("typ", "Bearer").groups(Set.of(ROLE)).issuedAt(now).expiresAt(now.plus(ttl))
                .jws().keyId(ISSUER).sign(signingKey);
    }

    /**
     * A task pool's enrolment token, kept in its Secret: good only for enrolling workers into this
     * generation of the pool ({@code POST /api/v2/task-workers/enrol}).
     */
    String issue(TaskPool pool) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER).audience(ISSUER).subject("task-pool:" + pool.id).claim(POOL_CLAIM, pool.id)
                .claim(GENERATION_CLAIM, pool.generation).claim(OWNER_CLAIM, pool.owner).claim("typ", "Bearer")
                .groups(Set.of(POOL_ROLE)).issuedAt(now).expiresAt(now.plus(POOL_TOKEN_TTL))
                .jws().keyId(ISSUER).sign(signingKey);
    }

    /** The worker a verified token names, if it is a worker token at all. */
    static String workerOf(JsonWebToken token) {
        return text(token, WORKER_CLAIM);
    }

    /** The pool a verified enrolment token names. */
    static String poolOf(JsonWebToken token) {
        return text(token, POOL_CLAIM);
    }

    /** The pool generation a verified enrolment token is good for (-1 if it names none). */
    static long generationOf(JsonWebToken token) {
        String generation = text(token, GENERATION_CLAIM);
        return generation == null || !generation.matches("\\d{1,18}") ? -1 : Long.parseLong(generation);
    }

    /** A claim's value as text (the JSON-P values smallrye gives keep a string's quotes). */
    private static String text(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        return value == null ? null : value.toString().replace("\"", "");
    }
}
