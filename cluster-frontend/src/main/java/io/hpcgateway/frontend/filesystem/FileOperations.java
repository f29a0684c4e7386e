package io.hpcgateway.frontend.filesystem;

import io.hpcgateway.frontend.platform.ApiException;
import io.hpcgateway.frontend.platform.FrontendConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The synchronous file operations, each on paths already confined by {@link UserPaths}. */
@ApplicationScoped
public class FileOperations {

    private static final Pattern OCTAL_MODE = Pattern.compile("0?[0-7]{3}");
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private final UserPaths paths;
    private final long maxView;
    private final long maxTransfer;

    FileOperations(UserPaths paths, FrontendConfig config) {
        this.paths = paths;
        this.maxView = config.files().maxViewSize().asLongValue();
        this.maxTransfer = config.files().maxDirectTransferSize().asLongValue();
    }

    public List<FileEntry> ls(String user, String rawPath, boolean showHidden, boolean numericIds, boolean recursive,
                              boolean dereference) {
        Path dir = existing(paths.confine(user, rawPath, "path", true), rawPath);
        if (!Files.isDirectory(dir)) {
            return List.of(FileEntry.of(dir, dir.getFileName().toString(), numericIds, dereference));
        }
        try (Stream<Path> entries = recursive ? Files.walk(dir).skip(1) : Files.list(dir)) {
            return entries
                    .filter(p -> showHidden || !hidden(dir.relativize(p)))
                    .sorted()
                    .map(p -> FileEntry.of(p, dir.relativize(p).toString(), numericIds,
                            dereference && staysInside(user, p)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FileContent head(String user, String rawPath, Long bytes, Long lines, boolean skipTrailing) {
        Path file = regularFile(user, rawPath);
        boolean byBytes = unit(bytes, lines);
        long count = byBytes ? bytes : lines == null ? 10 : lines;
        try {
            long size = Files.size(file);
            long end;
            if (byBytes) {
                end = skipTrailing ? Math.max(0, size - count) : Math.min(size, count);
            } else {
                end = skipTrailing ? FileContent.offsetOfLastLines(file, count) : FileContent.offsetAfterLines(file, count);
            }
            return new FileContent(FileContent.read(file, 0, end, maxView), byBytes ? "bytes" : "lines", 0,
                    skipTrailing ? -count : count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FileContent tail(String user, String rawPath, Long bytes, Long lines, boolean skipHeading) {
        Path file = regularFile(user, rawPath);
        boolean byBytes = unit(bytes, lines);
        long count = byBytes ? bytes : lines == null ? 10 : lines;
        try {
            long size = Files.size(file);
            long start;
            if (byBytes) {
                start = skipHeading ? Math.min(size, count) : Math.max(0, size - count);
            } else {
                start = skipHeading ? FileContent.offsetAfterLines(file, count) : FileContent.offsetOfLastLines(file, count);
            }
            return new FileContent(FileContent.read(file, start, size, maxView), byBytes ? "bytes" : "lines",
                    skipHeading ? count : -count, -1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        Path file = regularFile(user, rawPath);
        try {
            long fileSize = Files.size(file);
            return FileContent.read(file, Math.min(from, fileSize), Math.min(fileSize, from + length), maxView);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String checksum(String user, String rawPath) {
        try {
            return FileContent.sha256(regularFile(user, rawPath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, Object> stat(String user, String rawPath, boolean dereference) {
        Path path = existing(paths.confine(user, rawPath, "path", dereference), rawPath);
        LinkOption[] options = dereference ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        try {
            Map<String, Object> unix = Files.readAttributes(path, "unix:*", options);
            Map<String, Object> stat = new LinkedHashMap<>();
            stat.put("mode", unix.get("mode"));
            stat.put("ino", unix.get("ino"));
            stat.put("dev", unix.get("dev"));
            stat.put("nlink", unix.get("nlink"));
            stat.put("uid", unix.get("uid"));
            stat.put("gid", unix.get("gid"));
            stat.put("size", unix.get("size"));
            stat.put("atime", epochSeconds(unix.get("lastAccessTime")));
            stat.put("ctime", epochSeconds(unix.get("ctime")));
            stat.put("mtime", epochSeconds(unix.get("lastModifiedTime")));
            return stat;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FileEntry mkdir(String user, String rawPath, boolean parent) {
        Path dir = paths.confine(user, rawPath, "path", false);
        try {
            if (parent) {
                // Every missing ancestor is created inside the confined path, so each must pass the same check.
                Files.createDirectories(dir);
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            throw new ApiException(409, "error", "conflict", "'" + rawPath + "' already exists", List.of());
        } catch (NoSuchFileException e) {
            throw ApiException.validation("body", "path", "The parent of '" + rawPath
                    + "' does not exist; set 'parent': true to create it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return FileEntry.of(dir, dir.getFileName().toString(), false, false);
    }

    public void rm(String user, String rawPath) {
        Path path = existing(paths.confine(user, rawPath, "path", false), rawPath);
        if (paths.isHome(user, path)) {
            throw ApiException.forbidden("Your own top directory cannot be removed");
        }
        try (Stream<Path> tree = Files.walk(path)) {
            // Files.walk does not follow links: a link is removed, never what it points to.
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (DirectoryNotEmptyException e) {
            throw new ApiException(409, "error", "conflict", "'" + rawPath + "' changed while it was removed", List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FileEntry symlink(String user, String rawTarget, String rawLink) {
        Path target = paths.confine(user, rawTarget, "path", true);
        Path link = paths.confine(user, rawLink, "linkPath", false);
        try {
            Files.createSymbolicLink(link, target);
        } catch (FileAlreadyExistsException e) {
            throw new ApiException(409, "error", "conflict", "'" + rawLink + "' already exists", List.of());
        } catch (NoSuchFileException e) {
            throw ApiException.validation("body", "linkPath", "The directory of '" + rawLink + "' does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return FileEntry.of(link, link.getFileName().toString(), false, false);
    }

    public FileEntry chmod(String user, String rawPath, String mode) {
        if (mode == null || !OCTAL_MODE.matcher(mode).matches()) {
            throw ApiException.validation("body", "mode", "'mode' must be three octal digits such as 755");
        }
        Path path = existing(paths.confine(user, rawPath, "path", true), rawPath);
        try {
            Files.setPosixFilePermissions(path, permissions(Integer.parseInt(mode, 8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return FileEntry.of(path, path.getFileName().toString(), false, false);
    }

    /**
     * Places an uploaded file (already streamed to disk by the HTTP layer) at {@code <dir>/<name>}:
     * renamed when on the same file system, copied as a stream otherwise.
     */
    public Path placeUpload(String user, String rawDir, String fileName, Path uploaded, long size) {
        if (size > maxTransfer) {
            throw ApiException.tooLarge("The file is " + size + " bytes; direct uploads take at most " + maxTransfer);
        }
        Path dir = existing(paths.confine(user, rawDir, "path", true), rawDir);
        if (!Files.isDirectory(dir)) {
            throw ApiException.validation("query", "path", "'path' must be an existing directory to upload into");
        }
        String name = uploadName(fileName);
        Path target = paths.confine(user, dir.resolve(name).toString(), "path", true);
        if (Files.isDirectory(target)) {
            throw new ApiException(409, "error", "conflict", "'" + target + "' is a directory", List.of());
        }
        try {
            try {
                Files.move(uploaded, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.copy(uploaded, target, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(target, NEW_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** The file to send for a download, checked against the direct-transfer limit. */
    public Path downloadable(String user, String rawPath) {
        Path file = regularFile(user, rawPath);
        try {
            long size = Files.size(file);
            if (size > maxTransfer) {
                throw ApiException.tooLarge("'" + rawPath + "' is " + size + " bytes; direct downloads take at most "
                        + maxTransfer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private Path regularFile(String user, String rawPath) {
        Path file = existing(paths.confine(user, rawPath, "path", true), rawPath);
        if (!Files.isRegularFile(file)) {
            throw ApiException.validation("query", "path", "'" + rawPath + "' is not a regular file");
        }
        return file;
    }

    private boolean staysInside(String user, Path path) {
        try {
            paths.confine(user, path.toString(), "path", true);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    private static Path existing(Path path, String rawPath) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw ApiException.notFound("'" + rawPath + "' does not exist");
        }
        return path;
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

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

    private static boolean hidden(Path relative) {
        for (Path name : relative) {
            if (name.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static long epochSeconds(Object fileTime) {
        return ((java.nio.file.attribute.FileTime) fileTime).toInstant().getEpochSecond();
    }
}
