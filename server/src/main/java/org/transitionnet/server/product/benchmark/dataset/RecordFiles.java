package org.transitionnet.server.product.benchmark.dataset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.transitionnet.server.product.benchmark.Split;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;

/**
 * The flat files of a version: per published task and split, {@code tasks/<task>/<split>.ndjson} (one
 * released record per line, exactly {@link DatasetRecordJson#released}) and {@code .csv} (the same
 * fields, see {@link RecordCsv}). Labels are written only where the split releases them; an empty
 * split still gets its files, so every version has the same paths.
 */
final class RecordFiles {

    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";

    static String path(String taskId, Split split, String extension) {
        return "tasks/" + taskId + "/" + split.code() + "." + extension;
    }

    List<DatasetFile> write(DatasetContent content) {
        List<DatasetFile> files = new ArrayList<>();
        for (BenchmarkTask task : content.tasks()) {
            for (Split split : Split.values()) {
                boolean withLabel = split.labelsReleased();
                RecordCsv csv = new RecordCsv(task, withLabel);
                StringBuilder ndjson = new StringBuilder();
                StringBuilder table = new StringBuilder(csv.header());
                for (DatasetRecord r : content.records()) {
                    if (r.taskId().equals(task.id()) && r.split() == split) {
                        ObjectNode released = DatasetRecordJson.released(r, withLabel);
                        ndjson.append(released).append('\n');
                        table.append(csv.line(released));
                    }
                }
                files.add(new DatasetFile(
                        path(task.id(), split, "ndjson"),
                        NDJSON,
                        ndjson.toString().getBytes(StandardCharsets.UTF_8)));
                files.add(new DatasetFile(
                        path(task.id(), split, "csv"), CSV, table.toString().getBytes(StandardCharsets.UTF_8)));
            }
        }
        return files;
    }
}
