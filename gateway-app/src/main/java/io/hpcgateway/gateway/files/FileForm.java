package io.hpcgateway.gateway.files;

import io.hpcgateway.gateway.idempotency.Fingerprinted;
import io.hpcgateway.gateway.platform.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * A multipart upload with one part named {@code file}, as the MarketPlace SDKs send files. The
 * HTTP layer spools the part to a temporary file (deleted after the request), never to memory;
 * from there it is streamed to the cluster.
 */
@Schema(name = "FileForm")
public class FileForm implements Fingerprinted {

    @RestForm("file")
    @Schema(type = SchemaType.STRING, format = "binary", required = true,
            description = "The file's bytes; its filename names the stored file unless the route is given a name")
    public FileUpload file;

    /** The name to store the file under: {@code given}, else the part's own file name (its last segment). */
    public String name(String given) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        String own = part().fileName();
        String last = own == null ? "" : own.substring(Math.max(own.lastIndexOf('/'), own.lastIndexOf('\\')) + 1);
        if (last.isBlank()) {
            throw ApiException.badRequest("filename", "The 'file' part has no filename; give the name to store it under");
        }
        return last;
    }

    /** The part's size in bytes (it is spooled to disk before the route runs). */
    public long size() {
        return part().size();
    }

    /** Hands the part's content to {@code use} as a stream, closed afterwards. */
    public <T> T withContent(Function<InputStream, T> use) {
        try (InputStream content = Files.newInputStream(part().uploadedFile())) {
            return use.apply(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The part's file name and content, read from the spooled file (an empty form digests as such). */
    @Override
    public void digestInto(MessageDigest digest) {
        if (file == null) {
            digest.update((byte) 0);
            return;
        }
        digest.update(String.valueOf(file.fileName()).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        withContent(content -> {
            try (DigestInputStream digesting = new DigestInputStream(content, digest)) {
                return digesting.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private FileUpload part() {
        if (file == null) {
            throw ApiException.badRequest("file", "Send the file as the multipart/form-data part named 'file'");
        }
        return file;
    }
}
