package io.hpcgateway.cli;

import io.hpcgateway.cli.auth.LoginCommand;
import io.hpcgateway.cli.auth.LogoutCommand;
import io.hpcgateway.cli.auth.WhoamiCommand;
import io.hpcgateway.cli.billing.ChargesCommand;
import io.hpcgateway.cli.billing.DisputeCommand;
import io.hpcgateway.cli.billing.InvoiceCommand;
import io.hpcgateway.cli.billing.PromoCommand;
import io.hpcgateway.cli.billing.UsageCommand;
import io.hpcgateway.cli.config.ConfigCommand;
import io.hpcgateway.cli.files.FilesCommand;
import io.hpcgateway.cli.job.JobsCommand;
import io.hpcgateway.cli.ops.ClustersCommand;
import io.hpcgateway.cli.ops.CompletionCommand;
import io.hpcgateway.cli.ops.HealthCommand;
import io.hpcgateway.cli.task.TasksCommand;
import io.hpcgateway.cli.webhook.WebhooksCommand;
import io.hpcgateway.cli.template.TemplatesCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code hpcgw}: the HPC Gateway from a shell, for users, providers and admins. */
@Command(name = "hpcgw", mixinStandardHelpOptions = true, versionProvider = Hpcgw.Version.class,
        description = "Run HPC jobs through an HPC Gateway: templates, jobs, files, usage and billing.",
        subcommands = {LoginCommand.class, LogoutCommand.class, WhoamiCommand.class, TemplatesCommand.class,
                JobsCommand.class, FilesCommand.class, TasksCommand.class, WebhooksCommand.class, UsageCommand.class, ChargesCommand.class, InvoiceCommand.class,
                DisputeCommand.class, PromoCommand.class, ClustersCommand.class, HealthCommand.class,
                ConfigCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%n", footer = {"Examples:",
                "  hpcgw login --dev alice                      # the embedded default (deploy/local/run.sh)",
                "  hpcgw --gateway https://gw.example.org login  # a site's gateway, through its identity provider",
                "  hpcgw jobs create --template batch-standard --param command='echo hi' --launch",
                "  hpcgw jobs watch JOB && hpcgw files get JOB output.txt",
                "", "Settings: option > HPCGW_* environment > ~/.config/hpcgw/config.toml > default (hpcgw config).",
                "", ExitCodes.TABLE})
public final class Hpcgw implements Runnable {

    @Option(names = {"-g", "--gateway"}, scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The gateway, or the relay's edge in front of it (HPCGW_GATEWAY; default http://127.0.0.1:8080)")
    String gateway;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
            description = "table, json or yaml (HPCGW_OUTPUT; default table)")
    String output;

    @Option(names = "--ca-file", scope = ScopeType.INHERIT, paramLabel = "PEM",
            description = "Trust these CA certificates instead of the JDK's (HPCGW_CA_FILE)")
    String caFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling: one line on stderr and the exit code, never a stack trace. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Hpcgw());
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            if ("1".equals(System.getenv("HPCGW_DEBUG"))) {
                e.printStackTrace();
            }
            if (e instanceof CliException cli) {
                System.err.println("hpcgw: " + cli.getMessage());
                return cli.exitCode();
            }
            System.err.println("hpcgw: unexpected failure: " + e + " (HPCGW_DEBUG=1 shows where)");
            return ExitCodes.SERVER;
        });
        return line;
    }

    /** The version from the JAR's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Hpcgw.class.getPackage().getImplementationVersion();
            return new String[] {"hpcgw " + (version == null ? "development build" : version)};
        }
    }
}
