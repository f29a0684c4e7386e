package io.hpcgateway.gateway.marketplace;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer bodies of the data routes, named and shaped as in the standard app API's object storage. */
public final class DataModels {

    private DataModels() {}

    @Schema(name = "CollectionListItemModel")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Collection(@Schema(description = "The job id") String name,
                             @JsonProperty("last_modified") String lastModified) {}

    @Schema(name = "CollectionListResponse")
    public record Collections(List<Collection> items) {}

    @Schema(name = "CollectionCreateResponse")
    public record CollectionUpdated(@JsonProperty("last_modified") String lastModified,
                                    @JsonProperty("collection_id") String collectionId) {}

    @Schema(name = "DatasetModel")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dataset(@Schema(description = "Path of the file inside the job folder") String name,
                          long bytes,
                          @JsonProperty("content_type") String contentType,
                          @JsonProperty("last_modified") String lastModified) {}

    @Schema(name = "DatasetListResponse")
    public record Datasets(List<Dataset> items) {}

    @Schema(name = "DatasetCreateResponse")
    public record DatasetCreated(@JsonProperty("last_modified") String lastModified,
                                 @JsonProperty("dataset_id") String datasetId,
                                 @JsonProperty("collection_id") String collectionId) {}
}
