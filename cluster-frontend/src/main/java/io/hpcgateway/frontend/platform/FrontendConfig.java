package io.hpcgateway.frontend.platform;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
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

    /** Directories holding one directory per user; every path a user names must stay inside theirs. */
    List<Path> roots();

    /** Create {@code <first root>/<user>} on a user's first request (like pam_mkhomedir). */
    @WithDefault("true")
    boolean createUserDirectories();

    Auth auth();

    Files files();

    Local local();

    Slurm slurm();

    enum SchedulerKind { SLURM, LOCAL }

    interface Auth {
        /**
         * PEM public key file (or JWKS URL, {@code http(s)://...}) that verifies bearer tokens. When
         * absent, the embedded default's key pair is used, generated in {@link #devKeyDirectory()}.
         */
        Optional<String> publicKeyLocation();

        /** Where the embedded default keeps its generated token key pair (shared with the gateway). */
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
    }

    interface Files {
        /** Largest file that {@code ops/upload} and {@code ops/download} move directly (413 above); 64G. */
        MemorySize maxDirectTransferSize();

        /** Largest content that {@code head}, {@code tail} and {@code view} return inline. */
        @WithDefault("5M")
        MemorySize maxViewSize();
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

    /** Concurrency of the local executor, resolved against the machine. */
    static int localSlots(FrontendConfig config) {
        return config.local().maxConcurrentJobs().orElse(Runtime.getRuntime().availableProcessors());
    }
}
