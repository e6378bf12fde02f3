package org.transitionnet.server.product.benchmark.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.transitionnet.server.config.DatabaseKind;

/**
 * The one writer of dataset versions ({@code tn_bench_dataset}, {@code tn_bench_record},
 * {@code tn_bench_label}, {@code tn_bench_file}). It writes a version while it is {@code building} and
 * never touches a {@code ready} one: every statement that changes or removes rows is limited to
 * versions that are not ready, so a ready version stays byte-identical.
 */
public class DatasetVersionWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final DatabaseKind databaseKind;

    public DatasetVersionWriter(JdbcTemplate jdbc, DatabaseKind databaseKind) {
        this.jdbc = jdbc;
        this.databaseKind = databaseKind;
    }

    /**
     * Serialises the freezing of versions across nodes for the rest of the caller's transaction (two builds
     * must not both take the next semantic version or both write one id). On PostgreSQL a transaction-scoped
     * advisory lock; the embedded quick-start database runs one node, where the reduction runs once at a time.
     */
    public void lockVersions() {
        if (databaseKind == DatabaseKind.POSTGRESQL) {
            jdbc.query(
                    "SELECT pg_advisory_xact_lock(?, hashtext(?))", rs -> null, 0x746e, "benchmark-dataset-versions");
        }
    }

    /** Removes whatever an earlier, unfinished or failed build left under the id; a ready version is left alone. */
    public void deleteUnfinished(String datasetId) {
        String notReady = " AND NOT EXISTS (SELECT 1 FROM tn_bench_dataset d WHERE d.dataset_id = ? AND d.status = '"
                + DatasetVersion.READY + "')";
        jdbc.update("DELETE FROM tn_bench_file WHERE dataset_id = ?" + notReady, datasetId, datasetId);
        jdbc.update("DELETE FROM tn_bench_label WHERE dataset_id = ?" + notReady, datasetId, datasetId);
        jdbc.update("DELETE FROM tn_bench_record WHERE dataset_id = ?" + notReady, datasetId, datasetId);
        jdbc.update(
                "DELETE FROM tn_bench_dataset WHERE dataset_id = ? AND status <> ?", datasetId, DatasetVersion.READY);
    }

    /** The version's row, status {@code building}. */
    public void insertBuilding(DatasetVersion v) {
        jdbc.update(
                "INSERT INTO tn_bench_dataset (dataset_id, semver, status, job_id, task_ids, task_versions, catalogue_version, deid_version, "
                        + "content_hash, created_at, built_by, refusals, card, failure, demonstration, family_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)",
                v.datasetId(),
                v.semver(),
                DatasetVersion.BUILDING,
                v.jobId(),
                String.join(",", v.taskIds()),
                json(v.taskVersions()),
                v.catalogueVersion(),
                v.deidVersion(),
                v.contentHash(),
                Timestamp.from(v.createdAt()),
                v.builtBy(),
                json(v.refusals()),
                v.demonstration(),
                v.familyId());
    }

    /** Released inputs of every record (the label is not part of them), and the labels beside them. */
    public void insertRecords(String datasetId, List<DatasetRecord> records) {
        jdbc.batchUpdate(
                "INSERT INTO tn_bench_record (dataset_id, task_id, record_id, subject_id, split, prediction_time, inputs) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                records.stream()
                        .map(r -> new Object[] {
                            datasetId,
                            r.taskId(),
                            r.recordId(),
                            r.subjectId(),
                            r.split().code(),
                            Timestamp.from(r.predictionTime()),
                            DatasetRecordJson.released(r, false).toString()
                        })
                        .toList());
        // The server-only source key goes with the label (a record staged without one is keyed by version and record
        // id).
        jdbc.batchUpdate(
                "INSERT INTO tn_bench_label (dataset_id, task_id, record_id, split, direction, change_value, follow_up_value, "
                        + "follow_up_day_offset, adverse_event, source_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                records.stream()
                        .map(r -> new Object[] {
                            datasetId,
                            r.taskId(),
                            r.recordId(),
                            r.split().code(),
                            r.label().direction(),
                            r.label().change(),
                            r.label().followUp(),
                            Math.toIntExact(r.label().followUpDayOffset()),
                            r.label().adverseEvent(),
                            r.sourceKey() != null
                                    ? r.sourceKey()
                                    : "v:" + datasetId + ":" + r.taskId() + ":" + r.recordId()
                        })
                        .toList());
    }

    public void insertFiles(String datasetId, List<DatasetFile> files) {
        jdbc.batchUpdate(
                "INSERT INTO tn_bench_file (dataset_id, path, media_type, sha256, size_bytes, content) VALUES (?, ?, ?, ?, ?, ?)",
                files.stream()
                        .map(f -> new Object[] {
                            datasetId,
                            f.path(),
                            f.mediaType(),
                            DatasetVersioning.sha256(f.content()),
                            (long) f.content().length,
                            f.content()
                        })
                        .toList());
    }

    /** Freezes the version: from here on nothing of it changes. */
    public void markReady(String datasetId, String cardJson) {
        int updated = jdbc.update(
                "UPDATE tn_bench_dataset SET status = ?, card = ? WHERE dataset_id = ? AND status = ?",
                DatasetVersion.READY,
                cardJson,
                datasetId,
                DatasetVersion.BUILDING);
        if (updated != 1) {
            throw new IllegalStateException("dataset " + datasetId + " is not being built");
        }
    }

    /** Records a build that failed under the id (nothing else of it is kept); a ready version is left alone. */
    public void markFailed(DatasetVersion v, String failure) {
        deleteUnfinished(v.datasetId());
        if (jdbc.queryForObject(
                        "SELECT COUNT(*) FROM tn_bench_dataset WHERE dataset_id = ?", Integer.class, v.datasetId())
                > 0) {
            return;
        }
        insertBuilding(v);
        jdbc.update(
                "UPDATE tn_bench_dataset SET status = ?, failure = ? WHERE dataset_id = ? AND status = ?",
                DatasetVersion.FAILED,
                failure,
                v.datasetId(),
                DatasetVersion.BUILDING);
    }

    private static String json(Map<String, String> map) {
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
