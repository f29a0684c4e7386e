package io.hpcgateway.gateway.task;

/** What an estimate is learned for: tasks of one type and version, run by one image. */
record TaskKind(String type, String version, String image) {

    static TaskKind of(HpcTask task) {
        return new TaskKind(task.type, task.version, task.image);
    }

    /** The key of its estimate document. */
    String key() {
        return type + "@" + version + "|" + image;
    }
}
