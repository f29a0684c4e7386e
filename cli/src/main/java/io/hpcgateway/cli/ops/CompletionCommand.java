package io.hpcgateway.cli.ops;

import io.hpcgateway.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Shell completion for every command and option; picocli's script serves bash and zsh alike. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a completion script for bash or zsh.",
        footerHeading = "%nExamples:%n", footer = {"  source <(hpcgw completion bash)        # in ~/.bashrc",
                "  source <(hpcgw completion zsh)         # in ~/.zshrc"})
public final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh")
    Shell shell;

    enum Shell { bash, zsh }

    @Override
    public Integer call() {
        String script = AutoComplete.bash("hpcgw", spec.root().commandLine());
        if (shell == Shell.zsh) {
            // The generated script runs under zsh through its bash completion emulation.
            System.out.println("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit");
        }
        System.out.print(script);
        return ExitCodes.OK;
    }
}
