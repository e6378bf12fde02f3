package org.transitionnet.server.product.benchmark.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.transitionnet.server.product.benchmark.Split;

/**
 * The one reader of stored dataset versions: their rows, released records (inputs only) and files.
 * Labels are not read here; only scoring reads them.
 */
public class DatasetStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION_COLUMNS =
            "dataset_id, semver, status, job_id, task_ids, task_versions, catalogue_version, "
                    + "deid_version, content_hash, created_at, built_by, refusals, card, failure, demonstration, family_id";

    private final JdbcTemplate jdbc;

    public DatasetStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored file's description (its bytes through {@link #file}). */
    public record StoredFile(String path, String mediaType, String sha256, long size) {}

    public Optional<DatasetVersion> version(String datasetId) {
        return jdbc
                .query("SELECT " + VERSION_COLUMNS + " FROM tn_bench_dataset WHERE dataset_id = ?", VERSION, datasetId)
                .stream()
                .findFirst();
    }

    /** Ready versions, newest first. */
    public List<DatasetVersion> versions() {
        return jdbc.query(
                "SELECT " + VERSION_COLUMNS
                        + " FROM tn_bench_dataset WHERE status = ? ORDER BY created_at DESC, dataset_id",
                VERSION,
                DatasetVersion.READY);
    }

    /** Released inputs of a task's records in one split (no label), ordered by record id. */
    public void forEachRecord(String datasetId, String taskId, Split split, Consumer<DatasetRecord> action) {
        jdbc.query(
                "SELECT inputs FROM tn_bench_record WHERE dataset_id = ? AND task_id = ? AND split = ? ORDER BY record_id",
                rs -> {
                    action.accept(DatasetRecordJson.fromReleased(rs.getString(1)));
                },
                datasetId,
                taskId,
                split.code());
    }

    /** Record count per task and split. */
    public Map<String, Map<String, Integer>> counts(String datasetId) {
        Map<String, Map<String, Integer>> counts = new java.util.TreeMap<>();
        jdbc.query(
                "SELECT task_id, split, COUNT(*) FROM tn_bench_record WHERE dataset_id = ? GROUP BY task_id, split",
                rs -> {
                    counts.computeIfAbsent(rs.getString(1), t -> new java.util.TreeMap<>())
                            .put(rs.getString(2), rs.getInt(3));
                },
                datasetId);
        return counts;
    }

    public List<StoredFile> files(String datasetId) {
        return jdbc.query(
                "SELECT path, media_type, sha256, size_bytes FROM tn_bench_file WHERE dataset_id = ? ORDER BY path",
                (rs, i) -> new StoredFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)),
                datasetId);
    }

    public Optional<byte[]> file(String datasetId, String path) {
        return jdbc
                .query(
                        "SELECT content FROM tn_bench_file WHERE dataset_id = ? AND path = ?",
                        (rs, i) -> rs.getBytes(1),
                        datasetId,
                        path)
                .stream()
                .findFirst();
    }

    private static final RowMapper<DatasetVersion> VERSION = (rs, i) -> {
        Timestamp created = rs.getTimestamp("created_at");
        return new DatasetVersion(
                rs.getString("dataset_id"),
                rs.getString("semver"),
                rs.getString("status"),
                rs.getString("job_id"),
                Arrays.stream(rs.getString("task_ids").split(","))
                        .filter(s -> !s.isBlank())
                        .toList(),
                map(rs.getString("task_versions")),
                rs.getString("catalogue_version"),
                rs.getString("deid_version"),
                rs.getString("content_hash"),
                created == null ? null : created.toInstant(),
                rs.getString("built_by"),
                map(rs.getString("refusals")),
                rs.getString("card"),
                rs.getString("failure"),
                rs.getBoolean("demonstration"),
                rs.getString("family_id"));
    };

    private static Map<String, String> map(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<java.util.LinkedHashMap<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable dataset metadata: " + e.getOriginalMessage(), e);
        }
    }
}
