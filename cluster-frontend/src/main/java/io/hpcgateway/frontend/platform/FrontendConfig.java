package io.hpcgateway.frontend.platform;

import io.hpcgateway.frontend.identity.IdentityMode;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Every setting of the cluster front end, under the prefix {@code frontend}. Each key can be set
 * as an environment variable ({@code frontend.files.max-direct-transfer-size} ->
 * {@code FRONTEND_FILES_MAX_DIRECT_TRANSFER_SIZE}). The README's configuration table lists them.
 */
@ConfigMapping(prefix = "frontend")
public interface FrontendConfig {

    /** Name of the cluster in URLs ({@code /compute/{system}/jobs}); matched case-insensitively. */
    @WithDefault("local")
    String systemName();

    /** Which scheduler runs the jobs: {@code slurm} (real SLURM CLI) or {@code local} (processes). */
    @WithDefault("local")
    SchedulerKind scheduler();

    /** Where the front end keeps its own state: generated dev keys, local job records, job scripts. */
    Path dataDir();

    /** Longest a command attached to a running job ({@code PUT .../jobs/{id}/attach}) may run before 408. */
    @WithDefault("60s")
    Duration attachTimeout();

    /** Directories holding one directory per user; every path a user names must stay inside theirs. */
    List<Path> roots();

    /** Create {@code <first root>/<user>} on a user's first request (like pam_mkhomedir). */
    @WithDefault("true")
    boolean createUserDirectories();

    Identity identity();

    Ssh ssh();

    Auth auth();

    Files files();

    Local local();

    Slurm slurm();

    Transfer transfer();

    Staging staging();

    enum SchedulerKind { SLURM, LOCAL }

    interface Identity {
        /**
         * Whom jobs and file operations run as: {@code ssh} (each user's account on the login node,
         * over SSH with per-user certificates), {@code setuid} (each user's account, started from
         * root with setpriv), or {@code service-account} (this process's own account, for a
         * single-user installation only).
         */
        @WithDefault("service-account")
        IdentityMode mode();

        /**
         * The unprivileged account the gateway's batched calls (every user's jobs, accounting for
         * many jobs) run as in the ssh and setuid modes; no user may act as it.
         */
        @WithDefault("hpcgw")
        String serviceUser();

        /** User work never runs as an account below this uid (root and system accounts). */
        @WithDefault("1000")
        long minUid();
    }

    interface Ssh {
        /** The login node whose sshd trusts the user CA. */
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("22")
        int port();

        /** The user CA's private key (OpenSSH or PEM, unencrypted, readable by the front end alone). */
        Optional<Path> caKeyLocation();

        /** The login node's host key, one OpenSSH public key line; takes precedence over {@link #knownHosts()}. */
        Optional<String> hostKey();

        /** A known_hosts file holding the login node's host key ({@code [host]:port} for other ports than 22). */
        Optional<Path> knownHosts();

        /** How long a user certificate is valid; a session opened with it may be used for {@link #sessionMaxAge()}. */
        @WithDefault("5m")
        Duration certificateTtl();

        /** An account's pooled session is closed after this long without commands. */
        @WithDefault("2m")
        Duration idleTimeout();

        /** No command starts on a session older than this, so a disabled account stops working within it. */
        @WithDefault("10m")
        Duration sessionMaxAge();

        /** Commands at once on one session; keep below the login node's sshd MaxSessions (10 by default). */
        @WithDefault("8")
        int channelsPerSession();

        /** Longest a connection, authentication or channel opening may take. */
        @WithDefault("10s")
        Duration connectTimeout();
    }

    interface Auth {
        /**
         * PEM public key files and JWKS URLs ({@code http(s)://...}), comma-separated, that verify
         * bearer tokens: the identity provider's keys, the gateway's cluster key, or both. When
         * absent, the embedded default's two are trusted: the dev key and the gateway's cluster key,
         * generated in {@link #devKeyDirectory()}.
         */
        Optional<List<String>> publicKeyLocation();

        /** Where the embedded default keeps its generated token key pairs (shared with the gateway). */
        Path devKeyDirectory();

        /** Claim that names the user. */
        @WithDefault("preferred_username")
        String usernameClaim();

        /** Tokens with less lifetime left than this are refused, so none expires mid-operation. */
        @WithDefault("30s")
        Duration minTokenTtl();

        /** Required {@code iss} claim, when set. */
        Optional<String> issuer();

        /** Required {@code aud} claim, when set. */
        Optional<String> audience();

        /**
         * The role (in {@code groups}, {@code roles} or {@code realm_access.roles}) that marks the
         * gateway's service token: its calls may ask for every user's jobs and run as the service
         * identity. Any other token may not.
         */
        @WithDefault("hpcgw-service")
        String serviceRole();
    }

    interface Files {
        /** Largest file that {@code ops/upload} and {@code ops/download} move directly (413 above); 64G. */
        MemorySize maxDirectTransferSize();

        /** Largest content that {@code head}, {@code tail} and {@code view} return inline. */
        @WithDefault("5M")
        MemorySize maxViewSize();

        /**
         * Longest a file operation (ls, checksum, rm of a tree...) may run before the request answers
         * 408; transfers run as long as the client keeps reading or sending.
         */
        @WithDefault("5m")
        Duration commandTimeout();
    }

    interface Local {
        /** Jobs that run at once; the rest wait PENDING. Defaults to the number of CPUs. */
        OptionalInt maxConcurrentJobs();

        /** Partition names the local executor accepts; the first is the default. */
        @WithDefault("debug,normal")
        List<String> partitions();

        /** Time between SIGTERM and SIGKILL when a job is cancelled or runs out of time. */
        @WithDefault("5s")
        Duration killGracePeriod();
    }

    interface Slurm {
        /** Longest a single SLURM command may run before the request answers 408. */
        @WithDefault("15s")
        Duration commandTimeout();

        /** Directory holding sbatch, squeue...; the PATH is searched when absent. */
        Optional<Path> binDir();
    }

    interface Transfer {
        /** Partition the transfer jobs ({@code transfer/*}) are queued on; the scheduler's default when absent. */
        Optional<String> partition();

        /** Time limit of a transfer job; an upload's job waits this long at most for the client's parts. */
        @WithDefault("24h")
        Duration timeLimit();
    }

    /**
     * Staging of large transfers ({@code transfer/upload}, {@code transfer/download}) on an
     * S3-compatible object store, as FirecREST's S3 staging does: one bucket per user, presigned
     * multipart upload URLs and presigned (ranged) download URLs. Off when no endpoint is set.
     */
    interface Staging {
        /** The store as the front end and the transfer jobs reach it ({@code http://127.0.0.1:9000}). */
        Optional<URI> endpoint();

        /** The store as clients reach it, written into the URLs they are given; {@link #endpoint()} when absent. */
        Optional<URI> publicEndpoint();

        @WithDefault("us-east-1")
        String region();

        /** The store's access key; set it through the environment (FRONTEND_STAGING_ACCESS_KEY). */
        Optional<String> accessKey();

        /** The store's secret key; set it through the environment (FRONTEND_STAGING_SECRET_KEY). */
        Optional<String> secretKey();

        /** Users' buckets are named this followed by the user name (or, where S3 forbids it, a digest of it). */
        @WithDefault("hpcgw-")
        String bucketPrefix();

        /**
         * Size of the parts of a multipart transfer; larger for files of more than 1000 parts, so the
         * job's script stays small. S3 wants at least 5 MiB for every part but the last.
         */
        @WithDefault("64M")
        MemorySize maxPartSize();

        /** How long a staged object lives, and its presigned URLs stay valid (at most 7 days for SigV4). */
        @WithDefault("24h")
        Duration expiry();

        /** How often staged objects and unfinished uploads older than {@link #expiry()} are removed. */
        @WithDefault("10m")
        Duration sweepInterval();
    }

    /** Concurrency of the local executor, resolved against the machine. */
    static int localSlots(FrontendConfig config) {
        return config.local().maxConcurrentJobs().orElse(Runtime.getRuntime().availableProcessors());
    }
}
