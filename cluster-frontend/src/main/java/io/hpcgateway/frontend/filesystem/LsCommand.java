package io.hpcgateway.frontend.filesystem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ls -l} as GNU find prints it: one NUL-separated record per entry, so any file name
 * parses. Links are never followed while walking; with {@code dereference}, a link whose target
 * (resolved as the user) stays in the user's directory is described by its target, and one that
 * leads out stays a link.
 */
final class LsCommand {

    /** depth, type, name, path relative to the start, link target, user, group, uid, gid, mode, mtime, size. */
    static final String ENTRY = "%d\\0%y\\0%f\\0%P\\0%l\\0%u\\0%g\\0%U\\0%G\\0%m\\0%T@\\0%s\\0";
    private static final int FIELDS = 12;
    /** A link's target, by {@code stat -L}: raw mode, user, group, uid, gid, mtime, size. */
    private static final String TARGET = "%f\\0%U\\0%G\\0%u\\0%g\\0%Y\\0%s\\0";
    private static final int TARGET_FIELDS = 7;
    /** Separates the walk from the links' targets; no file name can hold a slash. */
    private static final String MARK = "//links//";

    private LsCommand() {}

    static String script(boolean recursive, boolean dereference) {
        String depth = recursive ? "" : " -maxdepth 1";
        String walk = "find -H \"$1\"" + depth + " -printf \"$2\"";
        if (!dereference) {
            return "exec " + walk;
        }
        return walk + " || exit; printf '" + MARK + "\\0%s\\0' \"$h\"; exec find -H \"$1\" -mindepth 1" + depth
                + " -type l -printf '%P\\0' -exec realpath -m -z -- {} ';' '(' -exec stat -L --printf \"$3\" -- {} ';'"
                + " -o -printf '-\\0' ')' 2>/dev/null";
    }

    static List<String> args(String path) {
        return List.of(path, ENTRY, TARGET);
    }

    /**
     * The entries of a directory (without itself), or the one entry of a file, sorted by name.
     */
    static List<FileEntry> parse(String out, boolean showHidden, boolean numericIds) {
        String[] f = out.split("\0", -1);
        List<String[]> rows = new ArrayList<>();
        int i = 0;
        while (i + FIELDS <= f.length && !f[i].equals(MARK)) {
            String[] row = new String[FIELDS];
            System.arraycopy(f, i, row, 0, FIELDS);
            rows.add(row);
            i += FIELDS;
        }
        Map<String, FileEntry> targets = i < f.length && f[i].equals(MARK) ? targets(f, i + 1, numericIds) : Map.of();
        if (rows.isEmpty()) {
            return List.of();
        }
        String[] start = rows.get(0);
        if (!start[1].equals("d")) {
            return List.of(entry(start, start[2], numericIds));
        }
        return rows.stream().skip(1)
                .filter(row -> showHidden || !hidden(row[3]))
                .map(row -> targets.getOrDefault(row[3], entry(row, row[3], numericIds)))
                .sorted(Comparator.comparing(FileEntry::name))
                .toList();
    }

    /** The one entry {@code find <path> -maxdepth 0} printed, named by its file name. */
    static FileEntry parseSelf(String out) {
        String[] f = out.split("\0", -1);
        if (f.length < FIELDS) {
            throw new IllegalStateException("find printed no entry: " + out);
        }
        return entry(f, f[2], false);
    }

    private static FileEntry entry(String[] row, String name, boolean numericIds) {
        int mode = Integer.parseInt(row[9], 8);
        String link = row[4].isEmpty() ? null : row[4];
        return new FileEntry(name, FileEntry.typeOfFind(row[1]), link, numericIds ? row[7] : row[5],
                numericIds ? row[8] : row[6], FileEntry.permissions(mode),
                FileEntry.modified((long) Double.parseDouble(row[10])), row[11]);
    }

    /** The links whose target lies in the user's resolved directory (the guard's {@code $h}), described by it. */
    private static Map<String, FileEntry> targets(String[] f, int from, boolean numericIds) {
        Map<String, FileEntry> targets = new HashMap<>();
        if (from >= f.length) {
            return targets;
        }
        String home = f[from];
        int i = from + 1;
        while (i + 2 < f.length) {
            String name = f[i];
            String real = f[i + 1];
            if (f[i + 2].equals("-")) { // a dangling link: nothing to describe but the link
                i += 3;
                continue;
            }
            if (i + 2 + TARGET_FIELDS > f.length) {
                break;
            }
            String[] t = new String[TARGET_FIELDS];
            System.arraycopy(f, i + 2, t, 0, TARGET_FIELDS);
            i += 2 + TARGET_FIELDS;
            if (real.equals(home) || real.startsWith(home + "/")) {
                int mode = Integer.parseInt(t[0], 16);
                targets.put(name, new FileEntry(name, FileEntry.typeOfMode(mode), null, numericIds ? t[3] : t[1],
                        numericIds ? t[4] : t[2], FileEntry.permissions(mode), FileEntry.modified(Long.parseLong(t[5])),
                        t[6]));
            }
        }
        return targets;
    }

    private static boolean hidden(String relative) {
        for (String name : relative.split("/")) {
            if (name.startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
