package io.hpcgateway.gateway.task;

import io.hpcgateway.gateway.platform.ApiException;
import io.hpcgateway.gateway.platform.GatewayConfig;
import io.hpcgateway.gateway.template.ImageReferences;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Seed 003's task-to-image mapping: a task names its type and version, and a mapper (the
 * {@code default} one unless the task names another) chooses the image that runs it. An exact
 * {@code type@version} entry wins over the type's entry for every version. The images follow the
 * catalogue's rules (an approved registry, a tag other than latest, a digest); a configuration
 * that breaks them stops the gateway at start with every reason.
 */
@Startup
@ApplicationScoped
public class TaskMapper {

    static final String DEFAULT = "default";

    private final Map<String, Map<String, String>> mappers;
    private final Map<String, TaskConfig.Image> images;

    TaskMapper(TaskConfig config, GatewayConfig gateway) {
        this.mappers = new TreeMap<>(config.mappers());
        this.images = new TreeMap<>(config.images());
        List<String> problems = new ArrayList<>();
        images.forEach((name, image) -> problems.addAll(problems(name, image.reference(),
                gateway.templates().approvedRegistries())));
        mappers.forEach((mapper, routes) -> routes.forEach((type, image) -> {
            if (!images.containsKey(image)) {
                problems.add("gateway.tasks.mappers." + mapper + ".\"" + type + "\" names image '" + image
                        + "', which gateway.tasks.images does not define");
            }
        }));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The task farm's configuration is wrong: " + String.join("; ", problems));
        }
    }

    /** The image name for a task; a 400 naming the field when none fits. */
    String imageFor(String type, String version, String mapper, int index) {
        String name = mapper == null ? DEFAULT : mapper;
        Map<String, String> routes = mappers.get(name);
        if (routes == null) {
            throw new ApiException(400, "bad_request", "Task " + index + " names mapper '" + name + "'; this gateway has "
                    + (mappers.isEmpty() ? "none" : String.join(", ", mappers.keySet())),
                    Map.of("field", "tasks[" + index + "].mapper"));
        }
        String image = routes.getOrDefault(type + "@" + version, routes.get(type));
        if (image == null) {
            throw new ApiException(422, "no_image", "No image runs tasks of type '" + type + "' version '" + version
                    + "' (mapper '" + name + "' knows " + String.join(", ", routes.keySet()) + ")",
                    Map.of("field", "tasks[" + index + "].type"));
        }
        return image;
    }

    TaskConfig.Image image(String name) {
        return images.get(name);
    }

    /** The task types each mapper knows, for GET /api/v2/tasks/types. */
    Map<String, Map<String, String>> routes() {
        Map<String, Map<String, String>> out = new TreeMap<>();
        mappers.forEach((mapper, routes) -> {
            Map<String, String> references = new TreeMap<>();
            routes.forEach((type, image) -> references.put(type, images.get(image).reference()));
            out.put(mapper, references);
        });
        return out;
    }

    private static List<String> problems(String name, String reference, List<String> approved) {
        List<String> out = new ArrayList<>();
        String where = "gateway.tasks.images." + name + ".reference";
        if (!approved.contains(ImageReferences.registry(reference))) {
            out.add(where + ": registry '" + ImageReferences.registry(reference) + "' is not approved "
                    + "(gateway.templates.approved-registries: " + approved + ")");
        }
        String tag = ImageReferences.tag(reference);
        if (tag == null || tag.equals("latest")) {
            out.add(where + ": images with the :latest tag (or no tag) are refused; use a specific version");
        }
        String digest = ImageReferences.digest(reference);
        if (digest == null || !ImageReferences.DIGEST.matcher(digest).matches()) {
            out.add(where + ": the image must be pinned by digest (name:tag@sha256:<64 hex digits>)");
        }
        return out;
    }
}
