package io.hpcgateway.gateway.marketplace;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer bodies of the data routes, named and shaped as in the standard app API's object storage. */
public final class DataModels {

    private DataModels() {}

    @Schema(name = "CollectionModel")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Collection(@Schema(description = "The job id") String id,
                             @Schema(description = "The job id, as the collection is addressed") String name,
                             @JsonProperty("last_modified") String lastModified) {}

    @Schema(name = "CollectionResponseModel")
    public record Collections(List<Collection> items) {}

    @Schema(name = "DatasetModel")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dataset(@Schema(description = "Path of the file inside the job folder") String name,
                          long bytes,
                          @JsonProperty("content_type") String contentType,
                          @JsonProperty("last_modified") String lastModified) {}

    @Schema(name = "DatasetResponseModel")
    public record Datasets(List<Dataset> items) {}

    @Schema(name = "DatasetCreateResponse")
    public record DatasetCreated(@JsonProperty("last_modified") String lastModified,
                                 @Schema(description = "The dataset's name: its path in the job folder") String id) {}
}
