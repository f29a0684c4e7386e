package io.hpcgateway.gateway.platform;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the gateway, under the prefix {@code gateway}; each can be given as an
 * environment variable ({@code gateway.mongodb.url} -> {@code GATEWAY_MONGODB_URL}). Defaults are
 * the embedded ones; the README's configuration table lists them all.
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    Mongo mongodb();

    Auth auth();

    Identity identity();

    interface Identity {
        /**
         * The token claim whose value is the user's Unix account name on the clusters, claimed for
         * them on first use (one account, one person); an admin's explicit mapping wins over it.
         */
        @WithDefault("preferred_username")
        String clusterUserClaim();
    }

    /** The clusters, by name; {@code gateway.clusters.local.url=http://127.0.0.1:8081}. */
    Map<String, Cluster> clusters();

    /**
     * The cluster that wins a placement tie, and where jobs go when placement has no other
     * candidate (see {@link Placement}).
     */
    @WithDefault("local")
    String defaultCluster();

    Placement placement();

    /**
     * How a job that names no cluster gets one: eligible clusters (fit, up, open to placement) are
     * scored on capacity, queue, price and proximity, each 0..1, weighted by these percentages.
     */
    interface Placement {
        /**
         * How often each cluster's capacity (nodes, partitions, queue depth) is read: three calls
         * per cluster, counted in {@code hpc_capacity_refresh_calls_total}; placement reads only this.
         */
        @WithDefault("30s")
        Duration capacityInterval();

        /** Weight of the idle share of the cluster's CPUs. */
        @WithDefault("30")
        int capacityWeight();

        /** Weight of the queue: 1 / (1 + jobs pending in the partition the job would go to). */
        @WithDefault("30")
        int queueWeight();

        /** Weight of the price: the cheapest candidate's estimate over this cluster's. */
        @WithDefault("20")
        int priceWeight();

        /** Weight of proximity: 1 for the same region, 0.5 for the same area (eu-west, eu-north), else 0. */
        @WithDefault("20")
        int proximityWeight();
    }

    Reconcile reconcile();

    Jobs jobs();

    Marketplace marketplace();

    Templates templates();

    Audit audit();

    Usage usage();

    Billing billing();

    /**
     * Seed 002's billing model. Amounts are integers in the currency's smallest unit (seed 002:
     * uvirt); rates are per unit-hour (network: per GB). GB means GiB (2^30 bytes), as SLURM counts.
     */
    interface Billing {
        @WithDefault("uvirt")
        String currency();

        @WithDefault("10000")
        long cpuCoreHour();

        @WithDefault("5000")
        long memoryGbHour();

        /** GPU-hour rate for models without their own rate. */
        @WithDefault("100000")
        long gpuHour();

        /** Per-model GPU-hour rates by the scheduler's model name: {@code gateway.billing.gpu-model-hour.a100=150000}. */
        Map<String, Long> gpuModelHour();

        @WithDefault("100")
        long storageGbHour();

        @WithDefault("1000")
        long networkGb();

        @WithDefault("50000")
        long nodeHour();

        /** Run time is billed in whole steps of this, rounded up. */
        @WithDefault("60s")
        Duration granularity();

        /** The least a job that ran is charged. */
        @WithDefault("10000")
        long minimumCharge();

        /** The platform's share of every charge, in basis points (250 = 2.5 %); the provider gets the rest. */
        @WithDefault("250")
        int platformFeeBps();

        /**
         * Volume discount tiers: a customer whose charges this month already reach the amount gets
         * the basis points ({@code gateway.billing.volume-discount-bps."1000000"=500}); the highest tier reached applies.
         */
        Map<String, Integer> volumeDiscountBps();

        /** Loyalty discount for accounts at least {@link #loyaltyMinAccountAge()} old. */
        @WithDefault("200")
        int loyaltyDiscountBps();

        @WithDefault("365d")
        Duration loyaltyMinAccountAge();

        /** Promotional codes users may redeem, with their discount: {@code gateway.billing.promo-codes.WELCOME=1000}. */
        Map<String, Integer> promoCodes();

        /** Cap on all discounts of one charge together, in basis points. */
        @WithDefault("5000")
        int maxDiscountBps();
    }

    interface Usage {
        /** How often a running job gets an interim usage record; the final record follows the job's end. */
        @WithDefault("5m")
        Duration reportInterval();

        /** Jobs per accounting call (one call per cycle and cluster while no more are due). */
        @WithDefault("50")
        int batchSize();

        /** Who signs the records ({@code provider_id}): this deployment's provider name. */
        @WithDefault("hpc-gateway")
        String providerId();

        /** Where the provider's Ed25519 signing key lives (created there on first use); the dev key directory when absent. */
        Optional<Path> signingKeyDirectory();

        /**
         * How long after a job's end accounting may stay silent or incomplete before the job is
         * marked unaccounted (audited, never recorded as zero usage).
         */
        @WithDefault("24h")
        Duration accountingDeadline();
    }

    interface Audit {
        /** Also append every audit event as a JSON line to this file (for log shipping). */
        Optional<Path> file();
    }

    interface Mongo {
        /** A real MongoDB ({@code mongodb://...}); when absent, an embedded MongoDB-wire server runs. */
        Optional<String> url();

        /** Port of the embedded server, on 127.0.0.1. */
        @WithDefault("27027")
        int embeddedPort();

        /** Where the embedded server keeps its data (an H2 MVStore file), so jobs survive restarts. */
        Path embeddedDataDir();
    }

    interface Auth {
        /** {@code dev}: tokens signed by the local dev key; {@code oidc}: the quarkus.oidc.* provider (Keycloak). */
        @WithDefault("dev")
        Mode mode();

        /**
         * How long a token from the development login ({@code POST /api/v2/dev/login}, dev mode
         * only) is valid.
         */
        @WithDefault("1h")
        Duration devLoginTokenTtl();

        /**
         * Whether dev mode offers the development login at all. It lets anyone who reaches the
         * gateway act as any user: right for one person's embedded default, wrong where several
         * Unix accounts share the machine (run.sh --multi-user turns it off; tokens then come from
         * dev-token.sh, which needs the owner-only dev key).
         */
        @WithDefault("true")
        boolean devLogin();

        /** The dev key pair's directory, shared with the front end and dev-token.sh. */
        Path devKeyDirectory();

        /**
         * Where the cluster key pair is generated for clusters with {@code auth=signed} and no
         * {@code signing-key-location}: its public half, {@code cluster-signing-key.pub.pem}, is what
         * their front ends trust.
         */
        Path clusterKeyDirectory();

        /**
         * Claims the caller's roles are read from, each a path of claim names separated by '/'
         * (Keycloak puts realm roles in {@code realm_access/roles}; MicroProfile JWT uses {@code groups}).
         * The roles are {@code user}, {@code provider} and {@code admin} (README, "Identity").
         */
        @WithDefault("realm_access/roles,groups")
        List<String> roleClaims();

        /**
         * The token types accepted as bearer tokens: the {@code typ} claim (Keycloak's access tokens
         * say {@code Bearer}, its ID tokens {@code ID}) or the JOSE header's {@code typ} (RFC 9068's
         * {@code at+jwt}). Tokens that declare another type are refused in both modes.
         */
        @WithDefault("Bearer,at+jwt")
        List<String> tokenTypes();

        /**
         * In {@code oidc} mode, refuse tokens that declare no type at all; set false only for an
         * identity provider whose access tokens carry neither {@code typ}.
         */
        @WithDefault("true")
        boolean requireTokenType();

        /**
         * Clients whose service-account tokens (client credentials) are accepted, each with the only
         * roles it gets: {@code gateway.auth.service-clients.ci-robot.roles=provider}. Any other
         * client's service account is refused.
         */
        Map<String, ServiceClient> serviceClients();

        interface ServiceClient {
            List<String> roles();
        }

        enum Mode { DEV, OIDC }
    }

    interface Cluster {
        /** Base URL of the cluster's FirecREST v2 API (our cluster-frontend or a real FirecREST). */
        URI url();

        /** The system name in that API's paths. */
        String system();

        /**
         * How the gateway authenticates to this cluster: {@code signed}, tokens it signs with its
         * cluster key; {@code token-exchange}, the user's token exchanged at the identity provider
         * (RFC 8693) for a FirecREST that trusts only the site's IdP; {@code static-token}, one
         * fixed {@link #serviceToken()} for every call.
         */
        @WithDefault("signed")
        Credentials auth();

        /**
         * PEM private key (RSA) that signs the tokens of {@code auth=signed}; the front end trusts its
         * public key. When absent, the gateway's generated cluster key (in
         * {@code gateway.auth.cluster-key-directory}) signs.
         */
        Optional<Path> signingKeyLocation();

        /** The fixed bearer token of {@code auth=static-token} (for a FirecREST that issued one). */
        Optional<String> serviceToken();

        /**
         * The role the gateway's own token carries (in {@code groups}) for its batched calls; the
         * front end's {@code frontend.auth.service-role}. With {@code auth=token-exchange} the
         * identity provider grants it to the gateway client's service account instead.
         */
        @WithDefault("hpcgw-service")
        String serviceRole();

        /** Lifetime of the tokens the gateway signs; reused until less than half is left. */
        @WithDefault("5m")
        Duration tokenTtl();

        /** The identity provider side of {@code auth=token-exchange}. */
        Exchange exchange();

        /** Longest one call to the cluster may take. */
        @WithDefault("15s")
        Duration timeout();

        /**
         * Largest file the gateway moves through the cluster's {@code ops/upload} and
         * {@code ops/download}; larger ones go through its staging ({@code transfer/upload},
         * {@code transfer/download}). A real FirecREST refuses direct transfers above its own limit:
         * set this to it. Unset, transfers go direct, and one the cluster refuses with 413 is staged.
         */
        Optional<MemorySize> maxDirectTransferSize();

        /** Longest the gateway waits for a staged transfer's job: queued, then moving the file. */
        @WithDefault("1h")
        Duration stagingTimeout();

        /** GPUs on each node: templates that need GPUs are refused at job creation where there are none. */
        @WithDefault("0")
        int gpusPerNode();

        /** Whether interactive sessions (a port reachable from outside) are possible on this cluster. */
        @WithDefault("false")
        boolean interactiveSessions();

        /** The GPU model of the nodes (priced by gateway.billing.gpu-model-hour), when they have GPUs. */
        Optional<String> gpuModel();

        /** Where the cluster is (eu-central, us-east...): placement prefers the user's region. */
        Optional<String> region();

        /** Whether jobs that name no cluster may be placed here; a cluster for named use only sets false. */
        @WithDefault("true")
        boolean placement();

        /** This cluster's prices as basis points of the rate card (gateway.billing.*): 12000 = 20 % dearer. */
        @WithDefault("10000")
        int rateBps();

        enum Credentials { SIGNED, TOKEN_EXCHANGE, STATIC_TOKEN }

        interface Exchange {
            /**
             * The audience to ask for: the client id the cluster's FirecREST expects in {@code aud}
             * (the shipped realm's {@code hpc-cluster}).
             */
            Optional<String> audience();

            /** The token endpoint; when absent, discovered from {@code quarkus.oidc.auth-server-url}. */
            Optional<URI> tokenEndpoint();

            /** The confidential client that exchanges; {@code quarkus.oidc.client-id} when absent. */
            Optional<String> clientId();

            /** Its secret (from the environment); {@code quarkus.oidc.credentials.secret} when absent. */
            Optional<String> clientSecret();

            /**
             * The claim of the exchanged token that the cluster takes the Unix account from; it must
             * name the account the gateway has for the user.
             */
            @WithDefault("preferred_username")
            String usernameClaim();
        }
    }

    interface Reconcile {
        /** How often the active jobs of every cluster are refreshed (one list call per cluster). */
        @WithDefault("3s")
        Duration interval();

        /**
         * A launch claimed this long ago whose job the scheduler does not know is released, so the
         * user may launch again (the gateway died between claiming and submitting).
         */
        @WithDefault("2m")
        Duration launchClaimTimeout();
    }

    interface Jobs {
        /**
         * Container runtimes a job with an image tries, in order: commands looked up on the
         * compute node's PATH, or absolute paths (a site's own Apptainer build).
         */
        @WithDefault("apptainer,singularity")
        List<String> containerRuntimes();
    }

    interface Templates {
        /** Registries a template's container image may come from (seed 000's approved list). */
        @WithDefault("docker.io,ghcr.io,quay.io,nvcr.io")
        List<String> approvedRegistries();

        /** Host directories (and below) a template may bind into its container. */
        @WithDefault("/scratch,/data")
        List<String> allowedHostPaths();

        /** Where the gateway's Ed25519 key for the built-in templates lives; the dev key directory when absent. */
        Optional<Path> signingKeyDirectory();
    }

    /**
     * The MarketPlace registration document's per-deployment fields. Their defaults are in
     * application.properties, where the document's build step reads them too.
     */
    interface Marketplace {
        /** {@code info.x-application-name}, the title, and the name {@code GET /info} answers. */
        String applicationName();

        /** {@code servers[0].url}: this gateway, or the MarketPlace message broker in front of it. */
        String serverUrl();

        /** {@code info.x-api-version}: the standard app API version the routes follow. */
        String apiVersion();

        /** {@code info.x-products[0].product-id}, once the MarketPlace has assigned one. */
        Optional<String> productId();
    }

    Idempotency idempotency();

    /** {@code Idempotency-Key} handling (see the idempotency package). */
    interface Idempotency {
        /** How long a key's first answer is kept for replays. */
        @WithDefault("24h")
        Duration retention();

        /**
         * How long a request holds its key: a twin within it gets 409; after it (the first
         * request's gateway died) the twin takes over, finding any effect already made.
         */
        @WithDefault("60s")
        Duration lease();

        /** How often expired keys are deleted (real MongoDB also expires them by itself). */
        @WithDefault("10m")
        Duration sweepInterval();
    }

    RateLimit rateLimit();

    /**
     * Requests a minute, as token buckets that allow a burst up to the limit: per user (the token's
     * subject) once authenticated, per address for requests without a valid token. Health and
     * heartbeat routes are never limited.
     */
    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("1200")
        int perUserPerMinute();

        @WithDefault("120")
        int perAddressPerMinute();
    }

    /** Largest file a user may upload through the gateway. */
    @WithDefault("64G")
    MemorySize maxUploadSize();

    Uploads uploads();

    Events events();

    Ui ui();

    /** The web UI served at {@code /} (see the ui package and web-ui/). */
    interface Ui {
        /**
         * The OpenID provider the browser logs in with, as the browser reaches it; by default the
         * gateway's own {@code quarkus.oidc.auth-server-url}. Set it when the two differ (in compose,
         * the gateway reaches Keycloak by its service name, the browser by a public address).
         */
        Optional<String> oidcAuthority();

        /** The identity provider's public client for the browser (authorization code with PKCE). */
        @WithDefault("hpc-web")
        String oidcClientId();

        /** Scopes the browser asks for ({@code offline_access} is not needed: refresh is silent). */
        @WithDefault("openid profile email")
        String oidcScope();
    }

    /** The event log and its server-sent event streams (see the event package). */
    interface Events {
        /** How often each gateway reads events other gateways stored (its own reach its streams at once). */
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * How long a missing event id is waited for before streams go on without it: ids are drawn
         * before the event is stored, so a gateway that died in between leaves a gap for ever.
         */
        @WithDefault("10s")
        Duration gapTimeout();

        /** A comment line is sent this often on an idle stream, so that proxies keep it open. */
        @WithDefault("15s")
        Duration keepAlive();
    }

    /** Resumable (tus) uploads, see the files package. */
    interface Uploads {
        /** An upload not completed this long after it was created is forgotten and its parts removed. */
        @WithDefault("24h")
        Duration expiry();

        /**
         * Joining the parts of a finished upload that has not ended after this long is taken to
         * have died with its gateway, and the next request may join them again.
         */
        @WithDefault("1h")
        Duration assemblyTimeout();
    }
}
