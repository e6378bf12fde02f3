package org.transitionnet.server.product.benchmark.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.duckdb.DuckDBAppender;
import org.transitionnet.server.product.benchmark.Split;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;

/**
 * The MEDS (v0.4) layout of a version, written as Parquet by {@link DuckParquet}:
 * <ul>
 *   <li>{@code data/<n>.parquet}: subject_id int64, time timestamp[us], code string, numeric_value float32
 *       ({@link MedsEvents}); subjects in ascending id order, a fixed number per shard, each subject in
 *       exactly one shard, its rows contiguous, static rows first, then by time;</li>
 *   <li>{@code metadata/dataset.json}, {@code metadata/codes.parquet} ({@link MedsCodes}),
 *       {@code metadata/subject_splits.parquet};</li>
 *   <li>per task and target one MEDS label task, {@code labels/<task>/<target>/<split>.parquet} for train and
 *       tuning: MEDS's closed label schema and nothing else, {@code subject_id} int64, {@code prediction_time}
 *       timestamp[us] and the one value column of the target, never null: {@code categorical_value} string for
 *       direction, {@code float_value} float32 for change (canonical unit), {@code boolean_value} for
 *       adverseEvent. With {@code labels/} as MEDS's {@code $TASK_ROOT}, a task's MEDS name is
 *       {@code <task>/<target>} and its files are {@code $TASK_ROOT/<task>/<target>/*.parquet};</li>
 *   <li>{@code metadata/record_ids.parquet} (subject_id, prediction_time, task, split, record_id): the record id
 *       of every record of every split, which predictions name; within a task and split in the label files'
 *       row order (one subject may have two records at one prediction time, two episodes started that day);</li>
 *   <li>for held_out only {@code held_out/<task>/prediction_times.parquet} (subject_id, prediction_time,
 *       record_id): when to predict, never what; outside {@code labels/}, where MEDS tools would read it as labels.</li>
 * </ul>
 */
final class MedsWriter {

    static final String PARQUET = "application/vnd.apache.parquet";
    static final String JSON_TYPE = "application/json";
    static final String DATASET_NAME = "transitionnet-benchmark";
    static final String ETL_NAME = "transitionnet";
    static final String MEDS_VERSION = "0.4.0";
    static final int DEFAULT_SUBJECTS_PER_SHARD = 10_000;

    /** The label targets of every task and the MEDS value column each fills. */
    static final List<String> TARGETS = List.of("direction", "change", "adverseEvent");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final int subjectsPerShard;

    MedsWriter(int subjectsPerShard) {
        if (subjectsPerShard < 1) {
            throw new IllegalArgumentException("a MEDS shard holds at least one subject");
        }
        this.subjectsPerShard = subjectsPerShard;
    }

    static String labelPath(String taskId, String target, Split split) {
        return "labels/" + taskId + "/" + target + "/" + split.code() + ".parquet";
    }

    static String predictionTimesPath(String taskId) {
        return Split.HELD_OUT.code() + "/" + taskId + "/prediction_times.parquet";
    }

    static final String RECORD_IDS = "metadata/record_ids.parquet";

    /** The MEDS label value column a target fills. */
    static String valueColumn(String target) {
        return switch (target) {
            case "direction" -> "categorical_value";
            case "change" -> "float_value";
            case "adverseEvent" -> "boolean_value";
            default -> throw new IllegalArgumentException("no label target " + target);
        };
    }

    List<DatasetFile> write(DatasetContent content) {
        List<MedsEvent> events = MedsEvents.of(content);
        List<DatasetFile> files = new ArrayList<>();
        try (DuckParquet db = DuckParquet.open()) {
            int shards = data(db, events);
            for (int n = 0; n < shards; n++) {
                files.add(new DatasetFile(
                        "data/" + n + ".parquet",
                        PARQUET,
                        db.parquet("SELECT subject_id, time, code, numeric_value FROM data WHERE shard = " + n
                                + " ORDER BY seq")));
            }
            files.add(new DatasetFile("metadata/dataset.json", JSON_TYPE, datasetJson(content)));
            codes(db, MedsCodes.of(content, events));
            files.add(new DatasetFile(
                    "metadata/codes.parquet",
                    PARQUET,
                    db.parquet("SELECT code, description, parent_codes FROM codes ORDER BY code")));
            splits(db, content);
            files.add(new DatasetFile(
                    "metadata/subject_splits.parquet",
                    PARQUET,
                    db.parquet("SELECT subject_id, split FROM subject_splits ORDER BY subject_id")));
            labels(db, content);
            files.add(
                    new DatasetFile(
                            RECORD_IDS,
                            PARQUET,
                            db.parquet(
                                    "SELECT subject_id, prediction_time, task, split, record_id FROM record_ids ORDER BY seq")));
            for (BenchmarkTask task : content.tasks()) {
                for (Split split : Split.values()) {
                    if (!split.labelsReleased()) {
                        continue;
                    }
                    for (String target : TARGETS) {
                        files.add(new DatasetFile(
                                labelPath(task.id(), target, split),
                                PARQUET,
                                db.parquet("SELECT subject_id, prediction_time, " + valueColumn(target)
                                        + " FROM labels WHERE task = " + DuckParquet.literal(task.id())
                                        + " AND target = " + DuckParquet.literal(target)
                                        + " AND split = " + DuckParquet.literal(split.code()) + " ORDER BY seq")));
                    }
                }
                files.add(new DatasetFile(
                        predictionTimesPath(task.id()),
                        PARQUET,
                        db.parquet("SELECT subject_id, prediction_time, record_id FROM prediction_times WHERE task = "
                                + DuckParquet.literal(task.id()) + " ORDER BY seq")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("writing the MEDS files failed: " + e.getMessage(), e);
        }
        return files;
    }

    /** Fills the data table; returns the number of shards. */
    private int data(DuckParquet db, List<MedsEvent> events) throws SQLException {
        db.execute(
                "CREATE TABLE data (seq BIGINT, shard INTEGER, subject_id BIGINT, time TIMESTAMP, code VARCHAR, numeric_value FLOAT)");
        long seq = 0;
        int subjects = 0;
        Long current = null;
        try (DuckDBAppender a = db.appender("data")) {
            for (MedsEvent e : events) {
                if (current == null || current != e.subjectId()) {
                    current = e.subjectId();
                    subjects++;
                }
                a.beginRow()
                        .append(seq++)
                        .append((subjects - 1) / subjectsPerShard)
                        .append(e.subjectId());
                if (e.time() == null) {
                    a.appendNull();
                } else {
                    a.append(DuckParquet.timestamp(e.time()));
                }
                a.append(e.code());
                if (e.value() == null) {
                    a.appendNull();
                } else {
                    a.append(e.value().floatValue());
                }
                a.endRow();
            }
        }
        return (subjects + subjectsPerShard - 1) / subjectsPerShard;
    }

    private static void codes(DuckParquet db, List<MedsCodes.Code> codes) throws SQLException {
        db.execute("CREATE TABLE codes (code VARCHAR, description VARCHAR, parent_codes VARCHAR[])");
        try (DuckDBAppender a = db.appender("codes")) {
            for (MedsCodes.Code c : codes) {
                a.beginRow()
                        .append(c.code())
                        .append(c.description())
                        .append(c.parents())
                        .endRow();
            }
        }
    }

    private static void splits(DuckParquet db, DatasetContent content) throws SQLException {
        Map<Long, Split> splits = new TreeMap<>();
        for (DatasetRecord r : content.records()) {
            Split before = splits.putIfAbsent(r.subjectId(), r.split());
            if (before != null && before != r.split()) {
                throw new IllegalStateException("subject " + r.subjectId() + " is in two splits");
            }
        }
        db.execute("CREATE TABLE subject_splits (subject_id BIGINT, split VARCHAR)");
        try (DuckDBAppender a = db.appender("subject_splits")) {
            for (Map.Entry<Long, Split> e : splits.entrySet()) {
                a.beginRow()
                        .append(e.getKey().longValue())
                        .append(e.getValue().code())
                        .endRow();
            }
        }
    }

    private static void labels(DuckParquet db, DatasetContent content) throws SQLException {
        db.execute(
                "CREATE TABLE labels (seq BIGINT, task VARCHAR, target VARCHAR, split VARCHAR, subject_id BIGINT NOT NULL,"
                        + " prediction_time TIMESTAMP NOT NULL, boolean_value BOOLEAN, float_value FLOAT, categorical_value VARCHAR)");
        db.execute(
                "CREATE TABLE prediction_times (seq BIGINT, task VARCHAR, subject_id BIGINT, prediction_time TIMESTAMP, record_id VARCHAR)");
        db.execute(
                "CREATE TABLE record_ids (seq BIGINT, subject_id BIGINT, prediction_time TIMESTAMP, task VARCHAR, split VARCHAR, record_id VARCHAR)");
        long seq = 0;
        try (DuckDBAppender labels = db.appender("labels");
                DuckDBAppender times = db.appender("prediction_times");
                DuckDBAppender ids = db.appender("record_ids")) {
            for (DatasetRecord r : content.records()) {
                seq++;
                ids.beginRow()
                        .append(seq)
                        .append(r.subjectId())
                        .append(DuckParquet.timestamp(r.predictionTime()))
                        .append(r.taskId())
                        .append(r.split().code())
                        .append(r.recordId())
                        .endRow();
                if (!r.split().labelsReleased()) {
                    times.beginRow()
                            .append(seq)
                            .append(r.taskId())
                            .append(r.subjectId())
                            .append(DuckParquet.timestamp(r.predictionTime()))
                            .append(r.recordId())
                            .endRow();
                    continue;
                }
                DatasetRecord.Label l = r.label();
                if (l == null) {
                    throw new IllegalStateException(
                            "record " + r.recordId() + " of split " + r.split().code() + " has no label");
                }
                for (String target : TARGETS) {
                    if (target.equals("adverseEvent") && l.adverseEventSuppressed()) {
                        // Suppressed by l-diversity: no adverseEvent label row (a MEDS label always has a value).
                        continue;
                    }
                    labels.beginRow()
                            .append(seq)
                            .append(r.taskId())
                            .append(target)
                            .append(r.split().code())
                            .append(r.subjectId())
                            .append(DuckParquet.timestamp(r.predictionTime()));
                    switch (target) {
                        case "direction" -> labels.appendNull().appendNull().append(l.direction());
                        case "change" ->
                            labels.appendNull().append(l.change().floatValue()).appendNull();
                        default -> labels.append(l.adverseEvent()).appendNull().appendNull();
                    }
                    labels.endRow();
                }
            }
        }
    }

    private static byte[] datasetJson(DatasetContent content) {
        DatasetVersion v = content.version();
        ObjectNode node = JSON.createObjectNode();
        node.put("dataset_name", DATASET_NAME);
        node.put("dataset_version", v.semver());
        node.put("etl_name", ETL_NAME);
        node.put("etl_version", v.catalogueVersion());
        node.put("meds_version", MEDS_VERSION);
        node.put("created_at", v.createdAt() == null ? null : v.createdAt().toString());
        try {
            return (JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
