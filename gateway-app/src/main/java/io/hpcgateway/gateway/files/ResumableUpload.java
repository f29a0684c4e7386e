package io.hpcgateway.gateway.files;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * A resumable (tus) upload into a job's folder. Each PATCH is stored on the cluster as a part
 * file in {@link #partsFolder}; when the last byte has arrived the parts are joined into the
 * target file, verified, and removed. {@code offset} advances only by a conditional update on
 * the offset the request started from, so of two requests appending at once exactly one counts.
 */
@MongoEntity(collection = "uploads")
public class ResumableUpload extends PanacheMongoEntityBase {

    /** Where an upload is: taking parts, joining them, or done (the target file is verified). */
    public enum Phase { RECEIVING, ASSEMBLING, COMPLETE }

    /** One stored part: its file name in the parts folder and the bytes of the upload it holds. */
    public static class Part {
        public String name;
        public long offset;
        public long size;

        public Part() {}

        Part(String name, long offset, long size) {
            this.name = name;
            this.offset = offset;
            this.size = size;
        }
    }

    @BsonId
    public String id;
    public String owner;
    public String jobId;
    /** The target, relative to the job folder. */
    public String path;
    public long length;
    public long offset;
    /** The whole file's SHA-256 (hex) as the client declared it; null when it declared none. */
    public String sha256;
    /** The raw Upload-Metadata header, answered back on HEAD as tus asks. */
    public String metadata;
    public String partsFolder;
    public List<Part> parts = new ArrayList<>();
    public Phase phase = Phase.RECEIVING;
    /** When the parts began to be joined: a join older than the assembly timeout was cut off and may be taken over. */
    public Instant assemblingSince;
    /** The SHA-256 the cluster computed of the joined file, once complete. */
    public String verifiedSha256;
    public Instant createdAt;
    public Instant expiresAt;
}
