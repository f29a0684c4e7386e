package io.hpcgateway.gateway.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hpcgateway.gateway.platform.ApiException;
import org.junit.jupiter.api.Test;

class JobFilesPathTest {

    @Test
    void pathsStayInsideTheJobFolder() {
        assertEquals("a/b.txt", JobFiles.relative("a/./b.txt"));
        assertEquals("a/b.txt", JobFiles.relative("a//b.txt/"));
        for (String escape : new String[] {"../x", "a/../../x", "a/..", "/etc/passwd", "x\u0000y", "x\ny",
                "a/" + "n".repeat(256)}) {
            ApiException refused = assertThrows(ApiException.class, () -> JobFiles.relative(escape), escape);
            assertEquals(403, refused.status(), escape);
        }
        assertEquals(400, assertThrows(ApiException.class, () -> JobFiles.relative("./")).status());
    }
}
