package io.hpcgateway.frontend.transfer;

import io.hpcgateway.frontend.platform.ApiException;
import io.hpcgateway.frontend.platform.FrontendConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.AbortIncompleteMultipartUpload;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleExpiration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The object store that large transfers are staged on, as FirecREST's S3 staging does: each
 * user's files in a bucket of their own, moved in parts through presigned URLs that are valid for
 * {@code frontend.staging.expiry}. The bytes travel between the client, the store and the
 * transfer job; the front end only signs. Clients get URLs for the store's public address, the
 * transfer jobs for its address inside the site.
 */
@ApplicationScoped
public class Staging {

    private static final Logger LOG = Logger.getLogger(Staging.class);
    /** Keeps a job's script (which lists the part URLs) small: larger parts beyond this many. */
    static final int MAX_PARTS = 1000;
    private static final long MIB = 1 << 20;
    /** S3's largest part. */
    private static final long MAX_PART_SIZE = 5L << 30;

    /** An object of a user's bucket and the multipart upload that will fill it. */
    record StagedObject(String bucket, String key, String uploadId, long partSize, int parts) {}

    private final FrontendConfig.Staging config;
    private final S3Client client;
    private final S3Presigner internal;
    private final S3Presigner external;
    private final String region;

    Staging(FrontendConfig config) {
        this.config = config.staging();
        this.region = this.config.region();
        Optional<URI> endpoint = this.config.endpoint();
        if (endpoint.isEmpty()) {
            client = null;
            internal = null;
            external = null;
            return;
        }
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(
                required(this.config.accessKey(), "frontend.staging.access-key (FRONTEND_STAGING_ACCESS_KEY)"),
                required(this.config.secretKey(), "frontend.staging.secret-key (FRONTEND_STAGING_SECRET_KEY)")));
        // Path-style addressing and checksums only where S3 requires them: what every S3-compatible store speaks.
        client = S3Client.builder().endpointOverride(endpoint.get()).region(Region.of(region))
                .credentialsProvider(credentials).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create()).build();
        internal = presigner(endpoint.get(), credentials);
        external = presigner(this.config.publicEndpoint().orElse(endpoint.get()), credentials);
    }

    public boolean enabled() {
        return client != null;
    }

    /** The part size for a file of {@code size} bytes: the configured one, or larger to stay within {@link #MAX_PARTS}. */
    long partSize(long size) {
        long configured = config.maxPartSize().asLongValue();
        long needed = ceilDiv(size, MAX_PARTS);
        return Math.max(configured, ceilDiv(needed, MIB) * MIB);
    }

    /** Rounds up without overflowing, whatever size a client declares. */
    private static long ceilDiv(long dividend, long divisor) {
        return dividend / divisor + (dividend % divisor == 0 ? 0 : 1);
    }

    /** Starts a multipart upload of {@code size} bytes named {@code fileName} in the user's bucket. */
    StagedObject start(String user, String fileName, long size) {
        requireEnabled();
        String bucket = StagingBuckets.bucketFor(config.bucketPrefix(), user);
        ensureBucket(bucket);
        String key = UUID.randomUUID() + "/" + fileName;
        long partSize = partSize(size);
        if (partSize > MAX_PART_SIZE) {
            throw ApiException.tooLarge("A file of " + size + " bytes is more than staging takes: at most "
                    + MAX_PARTS + " parts of 5 GiB");
        }
        int parts = (int) Math.max(1, ceilDiv(size, partSize));
        String uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        return new StagedObject(bucket, key, uploadId, partSize, parts);
    }

    /** Presigned PUT URLs of every part, for the client ({@code external}) or the transfer job. */
    List<String> partUrls(StagedObject object, boolean forClient) {
        List<String> urls = new ArrayList<>(object.parts());
        for (int part = 1; part <= object.parts(); part++) {
            int number = part;
            urls.add(signer(forClient).presignUploadPart(p -> p.signatureDuration(config.expiry())
                    .uploadPartRequest(r -> r.bucket(object.bucket()).key(object.key()).uploadId(object.uploadId())
                            .partNumber(number))).url().toString());
        }
        return urls;
    }

    /** Presigned POST URL that completes the upload, given the parts' ETags as S3's XML. */
    String completeUrl(StagedObject object, boolean forClient) {
        return signer(forClient).presignCompleteMultipartUpload(p -> p.signatureDuration(config.expiry())
                .completeMultipartUploadRequest(r -> r.bucket(object.bucket()).key(object.key())
                        .uploadId(object.uploadId()))).url().toString();
    }

    /** Presigned GET URL of the whole object; it honours Range, so a client may fetch it in pieces. */
    String getUrl(StagedObject object, boolean forClient) {
        return signer(forClient).presignGetObject(p -> p.signatureDuration(config.expiry())
                .getObjectRequest(r -> r.bucket(object.bucket()).key(object.key()))).url().toString();
    }

    /** Presigned HEAD URL: 200 once the upload is complete. */
    String headUrl(StagedObject object) {
        return internal.presignHeadObject(p -> p.signatureDuration(config.expiry())
                .headObjectRequest(r -> r.bucket(object.bucket()).key(object.key()))).url().toString();
    }

    /** Presigned DELETE URL, so a job removes what it has ingested at once rather than at expiry. */
    String deleteUrl(StagedObject object) {
        return internal.presignDeleteObject(p -> p.signatureDuration(config.expiry())
                .deleteObjectRequest(r -> r.bucket(object.bucket()).key(object.key()))).url().toString();
    }

    Duration expiry() {
        return config.expiry();
    }

    String bucketPrefix() {
        return config.bucketPrefix();
    }

    S3Client client() {
        requireEnabled();
        return client;
    }

    /**
     * Creates the bucket if it is new, with a lifecycle rule that expires what is staged in it
     * where the store has lifecycle rules; {@link StagingSweeper} expires it everywhere else.
     */
    private void ensureBucket(String bucket) {
        try {
            client.createBucket(b -> b.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException existing) {
            return;
        }
        int days = (int) Math.max(1, (config.expiry().toHours() + 23) / 24);
        try {
            client.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(
                    BucketLifecycleConfiguration.builder().rules(LifecycleRule.builder().id("hpcgw-staging-expiry")
                            .status(ExpirationStatus.ENABLED).filter(LifecycleRuleFilter.builder().prefix("").build())
                            .expiration(LifecycleExpiration.builder().days(days).build())
                            .abortIncompleteMultipartUpload(AbortIncompleteMultipartUpload.builder()
                                    .daysAfterInitiation(days).build()).build()).build()));
        } catch (S3Exception noLifecycle) {
            LOG.debugf("The store keeps no lifecycle rule on %s (%s); the sweeper expires its objects", bucket,
                    noLifecycle.awsErrorDetails() == null ? noLifecycle.getMessage()
                            : noLifecycle.awsErrorDetails().errorCode());
        }
    }

    private S3Presigner signer(boolean forClient) {
        return forClient ? external : internal;
    }

    private void requireEnabled() {
        if (!enabled()) {
            throw new ApiException(400, "validation", "transfer_method_unavailable", "Requested transfer method is "
                    + "not available: this system has no staging store (its operator sets frontend.staging.endpoint). "
                    + "Files within the direct-transfer limit go through ops/upload and ops/download.", List.of());
        }
    }

    private S3Presigner presigner(URI endpoint, StaticCredentialsProvider credentials) {
        return S3Presigner.builder().endpointOverride(endpoint).region(Region.of(region)).credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    }

    private static String required(Optional<String> value, String name) {
        return value.filter(v -> !v.isBlank()).orElseThrow(() -> new IllegalStateException(
                "frontend.staging.endpoint is set, so " + name + " is required"));
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
            internal.close();
            external.close();
        }
    }
}
