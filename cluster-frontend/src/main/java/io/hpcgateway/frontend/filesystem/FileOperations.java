package io.hpcgateway.frontend.filesystem;

import io.hpcgateway.frontend.filesystem.PathGuard.Check;
import io.hpcgateway.frontend.identity.CommandRunner;
import io.hpcgateway.frontend.identity.RunAs;
import io.hpcgateway.frontend.platform.ApiException;
import io.hpcgateway.frontend.platform.FrontendConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The synchronous file operations, each one command of GNU coreutils or findutils run as the
 * user's own account (FirecREST's way), behind {@link PathGuard}. Paths are confined lexically
 * here first; the operating system and the guard decide the rest where the files are.
 */
@ApplicationScoped
public class FileOperations {

    private static final Pattern OCTAL_MODE = Pattern.compile("0?[0-7]{3}");
    /** What GNU tar says when it refuses a member for where it would land. */
    private static final Pattern UNSAFE_MEMBER = Pattern.compile("Member name contains '\\.\\.'|Cannot open: Not a directory"
            + "|Cannot open: Too many levels of symbolic links");
    private static final Pattern ACCOUNT_NAME = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._-]{0,31}");
    /** Content operations need a regular file: a missing one is 404, anything else there 400. */
    private static final String REGULAR = "if [ ! -f \"$1\" ]; then [ -e \"$1\" ] && exit " + FileCommandErrors.NOT_A_FILE
            + "; exit " + FileCommandErrors.MISSING + "; fi; ";
    /** stat(2) fields: raw mode, inode, device, links, uid, gid, size, atime, mtime, ctime. */
    private static final String STAT = "%f\\0%i\\0%d\\0%h\\0%u\\0%g\\0%s\\0%X\\0%Y\\0%Z\\0";
    private static final String SELF = " -maxdepth 0 -printf \"$2\"";
    /**
     * Writes stdin next to the target and renames it into place, so a reader never sees half a file
     * and a link at the target is replaced, never written through.
     */
    private static final String UPLOAD = "[ -d \"$1\" ] && exit " + FileCommandErrors.IS_A_DIRECTORY + "; "
            + "t=\"$1.hpcgw-upload-$$\"; umask 022; if cat > \"$t\"; then mv -f -T -- \"$t\" \"$1\" || "
            + "{ rm -f -- \"$t\"; exit 1; }; else rm -f -- \"$t\"; exit 1; fi";

    private final FileCommands commands;
    private final CommandRunner runner;
    private final long maxView;
    private final long maxTransfer;
    private final Duration timeout;

    FileOperations(FileCommands commands, CommandRunner runner, FrontendConfig config) {
        this.commands = commands;
        this.runner = runner;
        this.maxView = config.files().maxViewSize().asLongValue();
        this.maxTransfer = config.files().maxDirectTransferSize().asLongValue();
        this.timeout = config.files().commandTimeout();
    }

    public List<FileEntry> ls(String user, String rawPath, boolean showHidden, boolean numericIds, boolean recursive,
                              boolean dereference) {
        UserPaths.Confined dir = confine(user, rawPath, "path");
        String out = run(user, List.of(Check.follow(dir)), LsCommand.script(recursive, dereference),
                LsCommand.args(dir.toString()), rawPath).stdout();
        return LsCommand.parse(out, showHidden, numericIds);
    }

    public FileContent head(String user, String rawPath, Long bytes, Long lines, boolean skipTrailing) {
        boolean byBytes = unit(bytes, lines);
        long count = byBytes ? bytes : lines == null ? 10 : lines;
        String option = (skipTrailing ? "-" : "") + count;
        String content = inline(user, rawPath, "exec head " + (byBytes ? "-c" : "-n") + " \"$2\" -- \"$1\"", option);
        return new FileContent(content, byBytes ? "bytes" : "lines", 0, skipTrailing ? -count : count);
    }

    public FileContent tail(String user, String rawPath, Long bytes, Long lines, boolean skipHeading) {
        boolean byBytes = unit(bytes, lines);
        long count = byBytes ? bytes : lines == null ? 10 : lines;
        // As FirecREST does: skipHeading is tail's "+N", the output starting at line (byte) N.
        String option = skipHeading ? "+" + count : Long.toString(count);
        String content = inline(user, rawPath, "exec tail " + (byBytes ? "-c" : "-n") + " \"$2\" -- \"$1\"", option);
        return new FileContent(content, byBytes ? "bytes" : "lines", skipHeading ? count : -count, -1);
    }

    public String view(String user, String rawPath, Long size, Long offset) {
        long length = size == null ? maxView : size;
        long from = offset == null ? 0 : offset;
        if (from < 0) {
            throw ApiException.validation("query", "offset", "'offset' must be 0 or more");
        }
        if (length <= 0 || length > maxView) {
            throw ApiException.validation("query", "size", "'size' must be between 1 and " + maxView + " bytes");
        }
        return inline(user, rawPath, "exec dd if=\"$1\" bs=65536 iflag=skip_bytes,count_bytes skip=\"$2\" "
                + "count=\"$3\" status=none", Long.toString(from), Long.toString(length));
    }

    public String checksum(String user, String rawPath) {
        UserPaths.Confined file = confine(user, rawPath, "path");
        String out = run(user, List.of(Check.follow(file)), REGULAR + "exec sha256sum -b -- \"$1\"",
                List.of(file.toString()), rawPath).stdout();
        return out.strip().split("\\s+", 2)[0];
    }

    public Map<String, Object> stat(String user, String rawPath, boolean dereference) {
        UserPaths.Confined path = confine(user, rawPath, "path");
        Check check = dereference ? Check.follow(path) : Check.name(path);
        String[] f = run(user, List.of(check), "exec stat " + (dereference ? "-L " : "") + "--printf \"$2\" -- \"$1\"",
                List.of(path.toString(), STAT), rawPath).stdout().split("\0");
        Map<String, Object> stat = new LinkedHashMap<>();
        stat.put("mode", Integer.parseInt(f[0], 16));
        stat.put("ino", Long.parseLong(f[1]));
        stat.put("dev", Long.parseLong(f[2]));
        stat.put("nlink", Long.parseLong(f[3]));
        stat.put("uid", Long.parseLong(f[4]));
        stat.put("gid", Long.parseLong(f[5]));
        stat.put("size", Long.parseLong(f[6]));
        stat.put("atime", Long.parseLong(f[7]));
        stat.put("ctime", Long.parseLong(f[9]));
        stat.put("mtime", Long.parseLong(f[8]));
        return stat;
    }

    public FileEntry mkdir(String user, String rawPath, boolean parent) {
        UserPaths.Confined dir = confineBodyPath(user, rawPath, "path");
        String script = "mkdir " + (parent ? "-p " : "") + "-- \"$1\" && exec find \"$1\"" + SELF;
        CommandRunner.Result result = attempt(user, List.of(Check.name(dir)), script,
                List.of(dir.toString(), LsCommand.ENTRY));
        if (!result.ok() && !parent && result.stderr().contains("No such file or directory")) {
            throw ApiException.validation("body", "path", "The parent of '" + rawPath
                    + "' does not exist; set 'parent': true to create it");
        }
        return LsCommand.parseSelf(FileCommandErrors.require(result, List.of(Check.name(dir)), rawPath).stdout());
    }

    public void rm(String user, String rawPath) {
        GuardedCommand rm = commands.remove(user, confine(user, rawPath, "path"));
        FileCommandErrors.require(attempt(user, rm), rm.checks(), rawPath);
    }

    public FileEntry symlink(String user, String rawTarget, String rawLink) {
        UserPaths.Confined target = confineBodyPath(user, rawTarget, "path");
        UserPaths.Confined link = confineBodyPath(user, rawLink, "linkPath");
        List<Check> checks = List.of(Check.follow(target), Check.name(link));
        CommandRunner.Result result = attempt(user, checks, "ln -s -- \"$3\" \"$1\" && exec find \"$1\"" + SELF,
                List.of(link.toString(), LsCommand.ENTRY, target.toString()));
        if (!result.ok() && result.stderr().contains("No such file or directory")) {
            throw ApiException.validation("body", "linkPath", "The directory of '" + rawLink + "' does not exist");
        }
        return LsCommand.parseSelf(FileCommandErrors.require(result, checks, rawLink).stdout());
    }

    public FileEntry chmod(String user, String rawPath, String mode) {
        if (mode == null || !OCTAL_MODE.matcher(mode).matches()) {
            throw ApiException.validation("body", "mode", "'mode' must be three octal digits such as 755");
        }
        UserPaths.Confined path = confineBodyPath(user, rawPath, "path");
        return LsCommand.parseSelf(run(user, List.of(Check.follow(path)), "chmod \"$3\" -- \"$1\" && exec find \"$1\"" + SELF,
                List.of(path.toString(), LsCommand.ENTRY, mode), rawPath).stdout());
    }

    /**
     * chown as the caller's own account, so the system's rules apply: an account may give its
     * files to a group it belongs to, and only root may give them to another owner.
     */
    public FileEntry chown(String user, String rawPath, String owner, String group) {
        String newOwner = accountName("owner", owner);
        String newGroup = accountName("group", group);
        if (newOwner.isEmpty() && newGroup.isEmpty()) {
            throw ApiException.validation("body", "owner", "Give 'owner', 'group' or both");
        }
        UserPaths.Confined path = confineBodyPath(user, rawPath, "path");
        String spec = newOwner + (newGroup.isEmpty() ? "" : ":" + newGroup);
        return LsCommand.parseSelf(run(user, List.of(Check.follow(path)), "chown \"$3\" -- \"$1\" && exec find \"$1\"" + SELF,
                List.of(path.toString(), LsCommand.ENTRY, spec), rawPath).stdout());
    }

    /** {@code tar -c} of {@code path} into {@code targetPath}; see {@link FileCommands#compress}. */
    public void compress(String user, String rawSource, String rawTarget, String matchPattern, boolean dereference,
                         String compression) {
        GuardedCommand tar = commands.compress(commands.confineBody(user, rawSource, "path"),
                commands.confineBody(user, rawTarget, "targetPath"), matchPattern, dereference, compression);
        FileCommandErrors.require(attempt(user, tar), tar.checks(), rawSource);
    }

    /** {@code tar -x} of the archive {@code path} into {@code targetPath}; see {@link FileCommands#extract}. */
    public void extract(String user, String rawSource, String rawTarget, String compression) {
        GuardedCommand tar = commands.extract(commands.confineBody(user, rawSource, "path"),
                commands.confineBody(user, rawTarget, "targetPath"), compression);
        CommandRunner.Result result = attempt(user, tar);
        if (!result.ok() && UNSAFE_MEMBER.matcher(result.stderr()).find()) {
            throw new ApiException(422, "validation", "unsafe_archive", "'" + rawSource + "' holds members that would "
                    + "land outside '" + rawTarget + "' (a '..' in their name, or through a link it holds); those were "
                    + "not written: " + result.firstErrorLine(), List.of());
        }
        FileCommandErrors.require(result, tar.checks(), rawSource);
    }

    /** What the file holds, as {@code file -b} says it ("ASCII text", "directory"...). */
    public String type(String user, String rawPath) {
        UserPaths.Confined path = confine(user, rawPath, "path");
        return run(user, List.of(Check.name(path)), "exec file -b -- \"$1\"", List.of(path.toString()), rawPath)
                .stdout().strip();
    }

    /**
     * Places an uploaded file (already streamed to disk by the HTTP layer) at {@code <dir>/<name>},
     * streamed into a command of the user's, so the new file is theirs.
     */
    public void placeUpload(String user, String rawDir, String fileName, Path uploaded, long size) {
        if (size > maxTransfer) {
            throw ApiException.tooLarge("The file is " + size + " bytes; direct uploads take at most " + maxTransfer);
        }
        UserPaths.Confined dir = confine(user, rawDir, "path");
        UserPaths.Confined target = confine(user, dir.path().resolve(uploadName(fileName)).toString(), "path");
        List<Check> checks = List.of(Check.dir(dir), Check.name(target));
        try (InputStream content = Files.newInputStream(uploaded)) {
            CommandRunner.Result result = runner.run(RunAs.user(user), PathGuard.argv(checks, UPLOAD,
                    List.of(target.toString())), content, Map.of(), timeout, CommandRunner.DEFAULT_OUTPUT_LIMIT);
            FileCommandErrors.require(result, checks, target.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file to download: its confined path and size, checked against the direct-transfer limit. */
    public record Downloadable(UserPaths.Confined file, long size) {}

    public Downloadable downloadable(String user, String rawPath) {
        UserPaths.Confined file = confine(user, rawPath, "path");
        long size = size(user, file);
        if (size > maxTransfer) {
            throw ApiException.tooLarge("'" + rawPath + "' is " + size + " bytes; direct downloads take at most "
                    + maxTransfer);
        }
        return new Downloadable(file, size);
    }

    /** The size of a regular file (links followed), read as the user: 404 when there is none, 400 for a directory. */
    public long size(String user, UserPaths.Confined file) {
        return Long.parseLong(run(user, List.of(Check.follow(file)), REGULAR + "exec stat -L --printf %s -- \"$1\"",
                List.of(file.toString()), file.raw()).stdout().strip());
    }

    /** The command that prints bytes {@code [first, first + length)} of a file, guarded as the others. */
    static List<String> readCommand(UserPaths.Confined file, long first, long length, long size) {
        if (first == 0 && length == size) {
            return PathGuard.argv(List.of(Check.follow(file)), REGULAR + "exec cat -- \"$1\"", List.of(file.toString()));
        }
        return PathGuard.argv(List.of(Check.follow(file)), REGULAR + "exec dd if=\"$1\" bs=65536 "
                        + "iflag=skip_bytes,count_bytes skip=\"$2\" count=\"$3\" status=none",
                List.of(file.toString(), Long.toString(first), Long.toString(length)));
    }

    /** A whole text file of at most {@code limit} bytes (a job's script), read as the user. */
    public String readText(String user, String rawPath, String param, long limit) {
        UserPaths.Confined file = confine(user, rawPath, param);
        List<Check> checks = List.of(Check.follow(file));
        CommandRunner.Result result = runner.run(RunAs.user(user), PathGuard.argv(checks, REGULAR
                + "exec head -c \"$2\" -- \"$1\"", List.of(file.toString(), Long.toString(limit + 1))), null, Map.of(),
                timeout, limit);
        if (result.truncated()) {
            throw ApiException.validation("body", param, "'" + rawPath + "' is larger than " + limit + " bytes");
        }
        return FileCommandErrors.require(result, checks, rawPath).stdout();
    }

    /** A file's content as text, for head, tail and view; refused above the inline limit. */
    private String inline(String user, String rawPath, String command, String... options) {
        UserPaths.Confined file = confine(user, rawPath, "path");
        List<String> args = new ArrayList<>(List.of(file.toString()));
        args.addAll(List.of(options));
        List<Check> checks = List.of(Check.follow(file));
        CommandRunner.Result result = runner.run(RunAs.user(user), PathGuard.argv(checks, REGULAR + command, args),
                null, Map.of(), timeout, maxView + 1);
        if (result.truncated()) {
            throw ApiException.validation("query", "bytes", "The content asked for is more than " + maxView
                    + " bytes; at most that is returned inline. Ask for less or use download.");
        }
        return FileCommandErrors.require(result, checks, rawPath).stdout();
    }

    private UserPaths.Confined confine(String user, String raw, String param) {
        return commands.confine(user, raw, param);
    }

    private UserPaths.Confined confineBodyPath(String user, String raw, String param) {
        return commands.confineBody(user, raw, param);
    }

    private CommandRunner.Result run(String user, List<Check> checks, String script, List<String> args, String raw) {
        return FileCommandErrors.require(attempt(user, checks, script, args), checks, raw);
    }

    /** The guarded script as the user, its failure left to the caller, who may read it first. */
    private CommandRunner.Result attempt(String user, List<Check> checks, String script, List<String> args) {
        return attempt(user, new GuardedCommand(checks, script, args));
    }

    private CommandRunner.Result attempt(String user, GuardedCommand command) {
        return runner.run(RunAs.user(user), command.argv(), null, Map.of(), timeout);
    }

    private static String uploadName(String fileName) {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
            throw ApiException.validation("form", "file", "The uploaded part needs a file name, such as "
                    + "Content-Disposition: form-data; name=\"file\"; filename=\"input.dat\"");
        }
        return name;
    }

    /** An owner or group name for chown, empty when not given. */
    private static String accountName(String field, String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        if (!ACCOUNT_NAME.matcher(name).matches()) {
            throw ApiException.validation("body", field, "'" + name
                    + "' is not an account or group name (letters, digits, '.', '_' and '-')");
        }
        return name;
    }

    private static boolean unit(Long bytes, Long lines) {
        if (bytes != null && lines != null) {
            throw ApiException.validation("query", "bytes", "Only one of 'bytes' or 'lines' can be specified.");
        }
        Long count = bytes != null ? bytes : lines;
        if (count != null && count < 0) {
            throw ApiException.validation("query", bytes != null ? "bytes" : "lines", "The count must be 0 or more");
        }
        return bytes != null;
    }
}
