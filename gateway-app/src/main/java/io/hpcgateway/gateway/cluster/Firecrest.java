package io.hpcgateway.gateway.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The parts of FirecREST v2's JSON the gateway reads and writes. Unknown fields are ignored. */
public final class Firecrest {

    private Firecrest() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Systems(List<SystemInfo> systems) {}

    /** {@code GET /status/{system}/userinfo}: the numeric ids the caller's processes run under. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UserInfo(Id user, Id group, List<Id> groups) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Id(String id, String name) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SystemInfo(String name, List<FileSystem> fileSystems) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FileSystem(String path, boolean defaultWorkDir) {}

    public record SubmitRequest(JobDescription job) {}

    public record JobDescription(String name, String workingDirectory, String script, String partition,
                                 String timeLimit, Map<String, String> env) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SubmitResponse(long jobId) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Jobs(List<Job> jobs) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Job(long jobId, String name, Status status, Time time, String user, String nodes,
                      String partition, String workingDirectory) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Status(String state, String stateReason, Integer exitCode, Integer interruptSignal) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Time(Long elapsed, Long start, Long end, Long limit) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AccountingList(List<Accounting> jobs) {}

    /** The front end's {@code /compute/{system}/acct} entry: what sacct knows; null where it knows nothing. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Accounting(long jobId, String state, boolean complete, Long elapsedSeconds, Long totalCpuMillis,
                             Integer allocatedCpus, Integer allocatedNodes, Integer allocatedGpus, String gpuModel,
                             Long requestedMemoryBytes, Long maxRssBytes, Long energyJoules, Long start, Long end) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entries(List<Entry> output) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(String name, String type, String linkTarget, String user, String group, String permissions,
                        String size, String lastModified) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StatOutput(Stat output) {}

    /** {@code stat(2)} of one path: {@code mode} carries the file type bits. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Stat(int mode, long size, long mtime) {
        private static final int TYPE_BITS = 0170000;

        public boolean isRegularFile() {
            return (mode & TYPE_BITS) == 0100000;
        }

        public boolean isDirectory() {
            return (mode & TYPE_BITS) == 0040000;
        }
    }

    public record Mkdir(String path, boolean parent) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChecksumOutput(Checksum output) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Checksum(String algorithm, String checksum) {}

    /** A staged transfer ({@code transfer/upload}, {@code transfer/download}) through the cluster's S3 staging. */
    public record TransferRequest(String path, TransferDirectives transferDirectives) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TransferDirectives(String transferMethod, Long fileSize) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StagedTransfer(TransferJob transferJob, StagingUrls transferDirectives) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TransferJob(String jobId, String system) {}

    /** Where the bytes go: the parts' and the completion's URLs of an upload, the URL of a download. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StagingUrls(String transferMethod, List<String> partsUploadUrls, String completeUploadUrl,
                              Long maxPartSize, String downloadUrl) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Nodes(List<Node> nodes) {}

    /** A compute node; {@code state} is SLURM's list (IDLE, MIXED, ALLOCATED, DOWN, DRAIN...). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Node(String name, List<String> state, Integer cpus, Integer allocCpus, Integer idleCpus,
                       List<String> partitions) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Partitions(List<Partition> partitions) {}

    /**
     * A partition. Its state is a word in our front end and a list in FirecREST's, so it is read
     * as either; {@code maxTime} is SLURM's text ("infinite", "1-00:00:00").
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Partition(String name, Boolean isDefault, com.fasterxml.jackson.databind.JsonNode state,
                            Integer totalNodes, Integer cpus, String maxTime) {}
}
