package io.hpcgateway.frontend.scheduler;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code #SBATCH} options of a batch script that the front end reads, read as sbatch
 * reads them: from the lines after the shebang up to the first command. Options given with the
 * submission override them, as command-line options override directives in SLURM.
 */
public record BatchDirectives(String time, String jobName, String output, String error, String input, String partition) {

    private static final Map<String, String> ALIASES = Map.of(
            "-t", "--time", "-J", "--job-name", "-o", "--output", "-e", "--error", "-i", "--input",
            "-p", "--partition");

    public static BatchDirectives parse(String script) {
        Map<String, String> options = new HashMap<>();
        for (String line : script.lines().skip(1).toList()) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!trimmed.startsWith("#")) {
                break;
            }
            if (trimmed.startsWith("#SBATCH")) {
                String[] words = trimmed.substring("#SBATCH".length()).strip().split("\\s+");
                for (int i = 0; i < words.length; i++) {
                    String word = words[i];
                    int eq = word.indexOf('=');
                    if (word.startsWith("--") && eq > 0) {
                        options.putIfAbsent(word.substring(0, eq), word.substring(eq + 1));
                    } else if (ALIASES.containsKey(word) || word.startsWith("--")) {
                        String value = i + 1 < words.length ? words[++i] : "";
                        options.putIfAbsent(ALIASES.getOrDefault(word, word), value);
                    } else if (word.length() > 2 && ALIASES.containsKey(word.substring(0, 2))) {
                        options.putIfAbsent(ALIASES.get(word.substring(0, 2)), word.substring(2));
                    }
                }
            }
        }
        return new BatchDirectives(options.get("--time"), options.get("--job-name"), options.get("--output"),
                options.get("--error"), options.get("--input"), options.get("--partition"));
    }
}
