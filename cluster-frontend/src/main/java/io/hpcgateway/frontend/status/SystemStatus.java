package io.hpcgateway.frontend.status;

import io.hpcgateway.frontend.filesystem.UserPaths;
import io.hpcgateway.frontend.identity.Launcher;
import io.hpcgateway.frontend.identity.RunAs;
import io.hpcgateway.frontend.platform.FrontendConfig;
import io.hpcgateway.frontend.platform.Systems;
import io.hpcgateway.frontend.scheduler.NodeModel;
import io.hpcgateway.frontend.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The system description of {@code /status/systems}, with a live health check of the scheduler. */
@ApplicationScoped
public class SystemStatus {

    @Schema(name = "System")
    public record SystemInfo(String name, SchedulerInfo scheduler, Health health, List<FileSystem> fileSystems,
                             @Schema(description = "Whom jobs and file operations run as (an extension)") Identity identity) {}

    @Schema(name = "Identity")
    public record Identity(@Schema(description = "ssh, setuid or service-account") String mode, String description) {}

    @Schema(name = "Scheduler")
    public record SchedulerInfo(String type, String version) {}

    @Schema(name = "Health")
    public record Health(String lastChecked, @Schema(description = "Seconds the check took") double latency,
                         boolean healthy, String message, Nodes nodes) {}

    @Schema(name = "NodeCount")
    public record Nodes(int available, int total) {}

    @Schema(name = "FileSystem")
    public record FileSystem(String path, String dataType, boolean defaultWorkDir) {}

    private final Scheduler scheduler;
    private final UserPaths paths;
    private final Systems systems;
    private final Identity identity;

    SystemStatus(Scheduler scheduler, UserPaths paths, Systems systems, Launcher launcher, FrontendConfig config) {
        this.scheduler = scheduler;
        this.paths = paths;
        this.systems = systems;
        this.identity = new Identity(config.identity().mode().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                launcher.describe());
    }

    public SystemInfo describe(RunAs who) {
        long start = System.nanoTime();
        String version = null;
        Health health;
        try {
            version = scheduler.version(who);
            List<NodeModel> nodes = scheduler.nodes(who);
            int available = (int) nodes.stream().filter(NodeModel::available).count();
            health = new Health(Instant.now().toString(), seconds(start), available > 0,
                    available > 0 ? "ok" : "no node can take jobs", new Nodes(available, nodes.size()));
        } catch (RuntimeException e) {
            health = new Health(Instant.now().toString(), seconds(start), false, e.getMessage(), new Nodes(0, 0));
        }
        List<FileSystem> fileSystems = new ArrayList<>();
        for (int i = 0; i < paths.roots().size(); i++) {
            fileSystems.add(new FileSystem(paths.roots().get(i).toString(), "users", i == 0));
        }
        return new SystemInfo(systems.name(), new SchedulerInfo(scheduler.type(), version), health, fileSystems, identity);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
