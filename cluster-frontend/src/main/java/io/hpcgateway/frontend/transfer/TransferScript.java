package io.hpcgateway.frontend.transfer;

import io.hpcgateway.frontend.filesystem.GuardedCommand;
import io.hpcgateway.frontend.filesystem.PathGuard;
import io.hpcgateway.frontend.identity.ssh.ShellWords;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The batch script of a transfer job: a title line, the guarded command (its paths checked again
 * where and when the job runs), and FirecREST's closing line, which pyfirecrest reads in the
 * output log to tell success ("Files were successfully moved.") from failure.
 *
 * <p>Presigned URLs travel as exported variables that the command reads itself and hands to curl
 * on its standard input or a here-document, never on a command line, which every account on the
 * node could read in the process list.
 */
final class TransferScript {

    private TransferScript() {}

    static String of(String title, Map<String, String> exports, GuardedCommand command, String success,
                     String failure) {
        String variables = exports.entrySet().stream()
                .map(e -> "export " + e.getKey() + "=" + ShellWords.quote(e.getValue()) + "\n")
                .collect(Collectors.joining());
        String commandLine = command.argv().stream().map(ShellWords::quote).collect(Collectors.joining(" "));
        return "#!/bin/bash\n"
                + "# A transfer job of the HPC Gateway cluster front end.\n"
                + "echo \"$(date -u) " + title + " (id:${SLURM_JOB_ID:-unknown})\"\n"
                + variables
                + commandLine + "\n"
                + "rc=$?\n"
                + "if [ \"$rc\" -eq 0 ]; then\n"
                + "  echo \"$(date -u) " + success + "\"\n"
                + "  exit 0\n"
                + "fi\n"
                + "case \"$rc\" in\n"
                + "  " + PathGuard.OUTSIDE + ") why=\"a path leads outside your directories through a symbolic link\" ;;\n"
                + "  " + PathGuard.UNRESOLVABLE + ") why=\"a directory on a path is not accessible to your account\" ;;\n"
                + "  " + PathGuard.NOT_A_DIRECTORY + ") why=\"the target is not an existing directory\" ;;\n"
                + "  *) why=\"exit code $rc\" ;;\n"
                + "esac\n"
                + "echo \"$(date -u) " + failure + ": $why\" >&2\n"
                + "exit \"$rc\"\n";
    }
}
