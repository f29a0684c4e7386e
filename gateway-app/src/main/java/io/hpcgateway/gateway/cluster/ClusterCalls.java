package io.hpcgateway.gateway.cluster;

import io.hpcgateway.gateway.platform.ApiException;
import io.vertx.core.VertxException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Every call the gateway makes to a cluster's FirecREST API, on behalf of a cluster user. Idempotent
 * calls are retried when the cluster does not answer; submissions never are. Failures become
 * clear gateway errors: the cluster being down is a 503 with a retry hint, never a 500.
 */
@ApplicationScoped
public class ClusterCalls {

    private final ClusterErrors errors;

    ClusterCalls(ClusterErrors errors) {
        this.errors = errors;
    }

    /** The directory holding users' directories on this cluster (FirecREST's default work dir). */
    @Retry(maxRetries = 2, delay = 300, retryOn = ClusterUnavailableException.class)
    public String userRoot(Cluster cluster) {
        String known = cluster.cachedUserRoot();
        if (known != null) {
            return known;
        }
        Firecrest.Systems systems = call(cluster, () -> cluster.api().systems(cluster.serviceAuthorization()));
        String root = systems.systems().stream().filter(s -> s.name().equalsIgnoreCase(cluster.system()))
                .flatMap(s -> s.fileSystems().stream())
                .filter(Firecrest.FileSystem::defaultWorkDir).map(Firecrest.FileSystem::path).findFirst()
                .orElseThrow(() -> new ApiException(502, "cluster_misconfigured", "Cluster '" + cluster.name()
                        + "' reports no default file system for user directories", Map.of()));
        cluster.cacheUserRoot(root);
        return root;
    }

    /** The user's own directory on this cluster, under which the gateway keeps their job folders. */
    public String userHome(Cluster cluster, String user) {
        return userRoot(cluster) + "/" + user;
    }

    /** Submits once; a lost answer is recovered by finding the job by name, never by resubmitting. */
    public long submit(Cluster cluster, String user, Firecrest.JobDescription job) {
        return call(cluster, () -> cluster.api().submit(cluster.authorization(user), cluster.system(),
                new Firecrest.SubmitRequest(job))).jobId();
    }

    /** The user's own jobs active in the window, optionally only those of one name. */
    @Retry(maxRetries = 2, delay = 300, retryOn = ClusterUnavailableException.class)
    public List<Firecrest.Job> jobs(Cluster cluster, String user, Duration window, String name) {
        return call(cluster, () -> cluster.api().jobs(cluster.authorization(user), cluster.system(), false,
                timeWindow(window), name)).jobs();
    }

    /** Every user's jobs active in the window, in one call with the service token: the reconciler's poll. */
    @Retry(maxRetries = 2, delay = 300, retryOn = ClusterUnavailableException.class)
    public List<Firecrest.Job> allJobs(Cluster cluster, Duration window) {
        return call(cluster, () -> cluster.api().jobs(cluster.serviceAuthorization(), cluster.system(), true,
                timeWindow(window), null)).jobs();
    }

    private static String timeWindow(Duration window) {
        return Math.max(1, (window.toSeconds() + 59) / 60) + "m";
    }

    /**
     * A health probe: one job list for a name no job has, which needs the connection, the
     * gateway's credentials and the scheduler's queue to answer. Not retried: a probe reports.
     */
    public void probe(Cluster cluster) {
        call(cluster, () -> cluster.api().jobs(cluster.serviceAuthorization(), cluster.system(), false, "1m",
                "hpcgw-health-probe"));
    }

    /**
     * Any user's job, asked for with the gateway's own token (the reconciler works outside every
     * user's request), or empty when the cluster no longer knows it.
     */
    @Retry(maxRetries = 2, delay = 300, retryOn = ClusterUnavailableException.class)
    public Optional<Firecrest.Job> job(Cluster cluster, long jobId) {
        try {
            return call(cluster, () -> cluster.api().job(cluster.serviceAuthorization(), cluster.system(), jobId))
                    .jobs().stream().findFirst();
        } catch (ApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The user's own job, asked for with their credentials; empty while the scheduler does not show it yet. */
    public Optional<Firecrest.Job> userJob(Cluster cluster, String user, long jobId) {
        try {
            return call(cluster, () -> cluster.api().job(cluster.authorization(user), cluster.system(), jobId))
                    .jobs().stream().findFirst();
        } catch (ApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Opens a staged upload of {@code size} bytes to {@code path}: the job that will fetch it, and the URLs of its parts. */
    public Firecrest.StagedTransfer stageUpload(Cluster cluster, String user, String path, long size) {
        return call(cluster, () -> cluster.api().stageUpload(cluster.authorization(user), cluster.system(),
                new Firecrest.TransferRequest(path, new Firecrest.TransferDirectives("s3", size))));
    }

    /** Opens a staged download of {@code path}: the job that stages it, and the URL it can then be read from. */
    public Firecrest.StagedTransfer stageDownload(Cluster cluster, String user, String path) {
        return call(cluster, () -> cluster.api().stageDownload(cluster.authorization(user), cluster.system(),
                new Firecrest.TransferRequest(path, new Firecrest.TransferDirectives("s3", null))));
    }

    /** Accounting of many jobs in one call; jobs the scheduler's accounting does not know are left out. */
    @Retry(maxRetries = 2, delay = 300, retryOn = ClusterUnavailableException.class)
    public List<Firecrest.Accounting> accounting(Cluster cluster, Collection<Long> jobIds) {
        String ids = jobIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        return call(cluster, () -> cluster.api().accounting(cluster.serviceAuthorization(), cluster.system(), ids,
                true)).jobs();
    }

    @Retry(maxRetries = 2, delay = 300, retryOn = ClusterUnavailableException.class)
    public void cancel(Cluster cluster, String user, long jobId) {
        call(cluster, () -> {
            cluster.api().cancel(cluster.authorization(user), cluster.system(), jobId);
            return null;
        });
    }

    /** A cancel the gateway decides itself (a revoked template), with its own token: the front end runs it as the owner. */
    @Retry(maxRetries = 2, delay = 300, retryOn = ClusterUnavailableException.class)
    public void cancelAsGateway(Cluster cluster, long jobId) {
        call(cluster, () -> {
            cluster.api().cancel(cluster.serviceAuthorization(), cluster.system(), jobId);
            return null;
        });
    }

    /** The cluster's compute nodes, asked for with the gateway's own token (capacity refresh). */
    public List<Firecrest.Node> nodes(Cluster cluster) {
        return call(cluster, () -> cluster.api().nodes(cluster.serviceAuthorization(), cluster.system())).nodes();
    }

    /** The cluster's partitions, asked for with the gateway's own token (capacity refresh). */
    public List<Firecrest.Partition> partitions(Cluster cluster) {
        return call(cluster, () -> cluster.api().partitions(cluster.serviceAuthorization(), cluster.system()))
                .partitions();
    }

    /** The numeric user and group ids the user's account runs under on the cluster. */
    @Retry(maxRetries = 2, delay = 300, retryOn = ClusterUnavailableException.class)
    public Firecrest.UserInfo userInfo(Cluster cluster, String user) {
        return call(cluster, () -> cluster.api().userinfo(cluster.authorization(user), cluster.system()));
    }

    @Retry(maxRetries = 2, delay = 300, retryOn = ClusterUnavailableException.class)
    public List<Firecrest.Entry> ls(Cluster cluster, String user, String path) {
        return call(cluster, () -> cluster.api().ls(cluster.authorization(user), cluster.system(), path, true, true))
                .output();
    }

    @Retry(maxRetries = 2, delay = 300, retryOn = ClusterUnavailableException.class)
    public Firecrest.Stat stat(Cluster cluster, String user, String path) {
        return call(cluster, () -> cluster.api().stat(cluster.authorization(user), cluster.system(), path)).output();
    }

    @Retry(maxRetries = 2, delay = 300, retryOn = ClusterUnavailableException.class)
    public void mkdirs(Cluster cluster, String user, String path) {
        try {
            call(cluster, () -> {
                cluster.api().mkdir(cluster.authorization(user), cluster.system(), new Firecrest.Mkdir(path, true));
                return null;
            });
        } catch (ApiException e) {
            if (e.status() != 409) { // it exists already: what we wanted
                throw e;
            }
        }
    }

    @Retry(maxRetries = 2, delay = 300, retryOn = ClusterUnavailableException.class)
    public void rm(Cluster cluster, String user, String path) {
        call(cluster, () -> {
            cluster.api().rm(cluster.authorization(user), cluster.system(), path);
            return null;
        });
    }

    @Retry(maxRetries = 2, delay = 300, retryOn = ClusterUnavailableException.class)
    public String sha256(Cluster cluster, String user, String path) {
        return call(cluster, () -> cluster.api().checksum(cluster.authorization(user), cluster.system(), path))
                .output().checksum();
    }

    private <T> T call(Cluster cluster, Supplier<T> request) {
        cluster.called();
        try {
            return request.get();
        } catch (WebApplicationException e) {
            throw errors.translate(cluster, e.getResponse().getStatus(), body(e));
        } catch (ApiException e) {
            throw e;
        } catch (ProcessingException e) {
            throw ClusterUnavailableException.from(cluster.name(), e);
        } catch (RuntimeException e) {
            // The HTTP client also fails with its transport's own exceptions (a connection closed
            // mid-answer), unwrapped: those are the cluster not answering too. Anything else is a bug.
            if (transportFailure(e)) {
                throw ClusterUnavailableException.from(cluster.name(), e);
            }
            throw e;
        }
    }

    private static boolean transportFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof VertxException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String body(WebApplicationException e) {
        try {
            return e.getResponse().readEntity(String.class);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
