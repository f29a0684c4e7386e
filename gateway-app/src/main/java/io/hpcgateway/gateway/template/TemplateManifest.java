package io.hpcgateway.gateway.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A workload template exactly as seed 000's manifest (snake_case JSON), plus the signature that
 * travels with it. Everything but {@code signature} is covered by that signature.
 */
@Schema(name = "TemplateManifest")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TemplateManifest(String templateId, String name, String version, String description, String type,
                               Runtime runtime, Resources resources, Security security, Entrypoint entrypoint,
                               List<EnvironmentVariable> environment, List<Parameter> parameterSchema,
                               List<String> tags, Signature signature) {

    /** {@code runtime_type}: {@code singularity} / {@code apptainer} (a container) or {@code native}. */
    @Schema(name = "TemplateRuntime")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Runtime(String runtimeType, String containerImage, String imageDigest,
                          List<String> requiredModules) {}

    @Schema(name = "TemplateResources")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Resources(Integer minNodes, Integer maxNodes, Integer defaultNodes,
                            Integer minCpusPerNode, Integer maxCpusPerNode, Integer defaultCpusPerNode,
                            Long minMemoryMbPerNode, Long maxMemoryMbPerNode, Long defaultMemoryMbPerNode,
                            Integer minGpusPerNode, Integer maxGpusPerNode, Integer defaultGpusPerNode,
                            Integer minRuntimeMinutes, Integer maxRuntimeMinutes, Integer defaultRuntimeMinutes,
                            Long maxStorageGb, Boolean networkRequired) {}

    @Schema(name = "TemplateSecurity")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Security(List<String> allowedRegistries, Boolean requireImageDigest, Boolean allowNetworkAccess,
                           Boolean allowHostMounts, List<String> allowedHostPaths, String sandboxLevel) {}

    /** {@code use_mpirun} / {@code use_srun}: how the command's tasks are started. */
    @Schema(name = "TemplateEntrypoint")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entrypoint(String command, String workingDirectory, Boolean useMpirun, Boolean useSrun) {}

    /** A fixed {@code value}, or a {@code value_template} using $USER, $HOME, $SLURM_JOB_ID, $SLURM_SUBMIT_DIR. */
    @Schema(name = "TemplateEnvironmentVariable")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EnvironmentVariable(String name, String value, String valueTemplate) {}

    /** A parameter: {@code string}, {@code integer}, {@code number}, {@code boolean}, {@code enum} or {@code path}. */
    @Schema(name = "TemplateParameter")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Parameter(String name, String type, String description, Boolean required,
                            @JsonProperty("default") Object defaultValue,
                            List<String> enumValues, Double minimum, Double maximum) {
        /**
         * Whether a value must be given. Not named like a getter: Jackson would take it for the
         * member {@code required} and write {@code required: false} into what is signed.
         */
        public boolean mandatory() {
            return Boolean.TRUE.equals(required);
        }
    }

    /**
     * Ed25519 over the SHA-256 of the canonical manifest (without this block), canonicalized as
     * {@code canonicalization} says: {@code RFC8785} for new signatures; absent on signatures made
     * before the names, which used {@code hpcgw-canonical-json-v1}.
     */
    @Schema(name = "TemplateSignature")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Signature(String algorithm, String publicKey, String manifestHash, String value,
                            @Schema(description = "RFC8785 (JSON Canonicalization Scheme), or absent for the "
                                    + "gateway's first form, hpcgw-canonical-json-v1") String canonicalization) {

        /** A signature of the first form, which names no canonicalization. */
        public Signature(String algorithm, String publicKey, String manifestHash, String value) {
            this(algorithm, publicKey, manifestHash, value, null);
        }
    }

    public String ref() {
        return templateId + "@" + version;
    }

    public TemplateManifest withSignature(Signature signed) {
        return new TemplateManifest(templateId, name, version, description, type, runtime, resources, security,
                entrypoint, environment, parameterSchema, tags, signed);
    }
}
