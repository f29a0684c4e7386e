package io.hpcgateway.frontend.filesystem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hpcgateway.frontend.platform.ApiException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileContentTest {

    @TempDir
    Path dir;

    @Test
    void lineOffsetsMatchHeadAndTailAcrossBlockBoundaries() throws Exception {
        Path file = dir.resolve("f.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 30_000; i++) { // > 64 KiB, so scans cross blocks
            text.append("line-").append(i).append('\n');
        }
        Files.writeString(file, text);
        long size = Files.size(file);
        assertEquals("line-0\nline-1\n".length(), FileContent.offsetAfterLines(file, 2));
        assertEquals(size - "line-29999\n".length(), FileContent.offsetOfLastLines(file, 1));
        assertEquals(0, FileContent.offsetOfLastLines(file, 1_000_000));
        assertEquals(size, FileContent.offsetAfterLines(file, 1_000_000));
        assertEquals("line-29998\nline-29999\n",
                FileContent.read(file, FileContent.offsetOfLastLines(file, 2), size, 1024));
        assertThrows(ApiException.class, () -> FileContent.read(file, 0, size, 1024));
    }

    @Test
    void aLastLineWithoutNewlineCountsAsALine() throws Exception {
        Path file = dir.resolve("g.txt");
        Files.writeString(file, "a\nb\nc");
        assertEquals(4, FileContent.offsetOfLastLines(file, 1));
        assertEquals(2, FileContent.offsetOfLastLines(file, 2));
    }

    @Test
    void rangesFollowRfc9110() {
        assertArrayEquals(new long[] {0, 9}, FileDownloads.parseRange("bytes=0-9", 100));
        assertArrayEquals(new long[] {90, 99}, FileDownloads.parseRange("bytes=-10", 100));
        assertArrayEquals(new long[] {50, 99}, FileDownloads.parseRange("bytes=50-", 100));
        assertArrayEquals(new long[] {50, 99}, FileDownloads.parseRange("bytes=50-500", 100));
        ApiException beyond = assertThrows(ApiException.class, () -> FileDownloads.parseRange("bytes=100-", 100));
        assertEquals(416, beyond.status());
        assertThrows(ApiException.class, () -> FileDownloads.parseRange("bytes=0-1,5-6", 100));
    }
}
