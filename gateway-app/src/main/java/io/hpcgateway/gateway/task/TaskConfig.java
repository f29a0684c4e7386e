package io.hpcgateway.gateway.task;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The task farm ({@code gateway.tasks.*}, README "Task farm"): the images tasks run in, how task
 * types map to them, the leases that keep a task from being lost, and the pilots that the
 * autoscaler starts on SLURM.
 */
@ConfigMapping(prefix = "gateway.tasks")
public interface TaskConfig {

    /**
     * The images workers can run, by name: {@code gateway.tasks.images.pi.reference=registry/pi@sha256:...}
     * and, as no container runtime may exist on the node, the program a pilot runs in its place.
     */
    Map<String, Image> images();

    /**
     * Named mappers from task type (and version) to an image name:
     * {@code gateway.tasks.mappers.default."monte-carlo-pi"=pi} maps every version,
     * {@code gateway.tasks.mappers.default."monte-carlo-pi@2"=pi2} one version (it wins). A task
     * that names no mapper uses {@code default}.
     */
    Map<String, Map<String, String>> mappers();

    /** Most tasks one submission may carry. */
    @WithDefault("10000")
    int maxBatch();

    /** Largest payload (and result) of one task, in bytes of JSON. */
    @WithDefault("65536")
    int maxPayloadBytes();

    /** Tries a task gets: a lease that expires, or a failed run, uses one. */
    @WithDefault("3")
    int maxAttempts();

    /** How long a lease lasts without a worker's exchange renewing it. */
    @WithDefault("30s")
    Duration lease();

    /** How often expired leases are given back to the queue. */
    @WithDefault("2s")
    Duration leaseCheckInterval();

    /** How often outstanding work is measured (metrics, autoscaler). */
    @WithDefault("5s")
    Duration scaleInterval();

    /**
     * Whether the gateway starts pilots for outstanding work; off, only workers users enrol and run
     * themselves take tasks (the metrics are measured either way).
     */
    @WithDefault("true")
    boolean autoscale();

    /** How long, at most, the workers the autoscaler starts should take to drain the outstanding work. */
    @WithDefault("5m")
    Duration targetDrain();

    /** Workers (pilots) one user may have at once, over all images. */
    @WithDefault("4")
    int maxWorkersPerUser();

    /** Workers the gateway runs at once, over all users. */
    @WithDefault("32")
    int maxWorkers();

    /** A worker without a task for this long leaves (its idle time is its user's usage up to this). */
    @WithDefault("60s")
    Duration idleTimeout();

    /** Tasks a worker holds at once: the one it runs and those queued behind it. */
    @WithDefault("16")
    int prefetch();

    Pilot pilot();

    /** How a SLURM pilot job is shaped and started. */
    interface Pilot {
        /** The pilot job's wall-clock limit; a task is only given to a pilot with time left for its estimate. */
        @WithDefault("60m")
        Duration timeLimit();

        @WithDefault("1")
        int cpus();

        @WithDefault("1024")
        int memoryMb();

        /** The SLURM partition of pilot jobs; the cluster's default when unset. */
        Optional<String> partition();

        /**
         * The task client as installed on the cluster's nodes ({@code task-worker/install.sh}); the
         * pilot runs it with {@code --settings <file>}.
         */
        @WithDefault("hpcgw-task-worker")
        String workerCommand();

        /** The gateway's URL as the nodes reach it. */
        @WithDefault("http://127.0.0.1:${quarkus.http.port:8080}")
        String gatewayUrl();
    }

    Kubernetes kubernetes();

    /**
     * Workers as Kubernetes pods instead of SLURM pilots: per user and image a task pool, a
     * Deployment of pods (the task client beside the image) that a KEDA ScaledObject scales on
     * {@code hpc_task_outstanding_seconds} (README "Task farm", {@code deploy/k8s/}).
     */
    interface Kubernetes {
        /** Whether the autoscaler keeps task pools on Kubernetes (and starts no pilots). */
        @WithDefault("false")
        boolean enabled();

        /** The namespace the pools' Deployments, ScaledObjects and Secrets live in. */
        @WithDefault("hpc-tasks")
        String namespace();

        /** The task client's container image ({@code task-worker/Containerfile}). */
        @WithDefault("ghcr.io/hpc-gateway/task-worker:1.0")
        String workerImage();

        /** The gateway's URL as the pods reach it. */
        @WithDefault("http://hpc-gateway.hpc-gateway.svc:8080")
        String gatewayUrl();

        /** The Prometheus that scrapes the gateway, which KEDA asks for the outstanding seconds. */
        @WithDefault("http://prometheus.monitoring.svc:9090")
        String prometheusUrl();

        /** CPU (request and limit) of a pod's image container. */
        @WithDefault("1")
        String cpu();

        /** Memory (request and limit) of a pod's image container. */
        @WithDefault("1Gi")
        String memory();

        /**
         * How long a pod that is scaled down may take to finish its running task and report
         * ({@code terminationGracePeriodSeconds}); a task longer than that is killed and runs again.
         */
        @WithDefault("120s")
        Duration drainGrace();

        /** A pool with no work and no workers for this long is removed (its enrolment token dies with it). */
        @WithDefault("30m")
        Duration retireAfter();
    }

    /** An image that runs tasks. */
    interface Image {
        /** The image reference, registry-qualified, with a tag other than latest, digest-pinned where required. */
        String reference();

        /** The image's program, run directly on the node in place of a container (no Apptainer there). */
        Optional<String> command();

        /** The estimated run time of one task before any of its kind has finished. */
        @WithDefault("1s")
        Duration priorEstimate();
    }

    /** Where the worker tokens' key pair lives; the cluster key directory when unset. */
    Optional<Path> workerKeyDirectory();
}
