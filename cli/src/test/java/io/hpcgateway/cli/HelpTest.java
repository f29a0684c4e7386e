package io.hpcgateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpTest {

    @Test
    void everyCommandsHelpHasExamples() {
        List<String> checked = new ArrayList<>();
        walk(Hpcgw.commandLine(), checked);
        assertTrue(checked.size() >= 40, "all commands were walked: " + checked);
    }

    @Test
    void theTopLevelHelpDocumentsTheExitCodes() {
        String usage = Hpcgw.commandLine().getUsageMessage();
        for (int code = 0; code <= 8; code++) {
            assertTrue(usage.contains("\n  " + code + "  "), "exit code " + code + " is documented");
        }
    }

    @Test
    void aWrongOptionIsAUsageError() {
        assertEquals(ExitCodes.USAGE, Hpcgw.commandLine().execute("jobs", "list", "--no-such-option"));
        assertEquals(ExitCodes.USAGE, Hpcgw.commandLine().execute("files", "put", "job-without-files"));
    }

    private static void walk(CommandLine command, List<String> checked) {
        if (command.getCommand() instanceof CommandLine.HelpCommand) {
            return;
        }
        String usage = command.getUsageMessage();
        assertTrue(usage.contains("Examples:"), command.getCommandSpec().qualifiedName() + " has no examples");
        checked.add(command.getCommandSpec().qualifiedName());
        command.getSubcommands().values().forEach(sub -> walk(sub, checked));
    }
}
