package org.transitionnet.server.product.benchmark.evaluate;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.transitionnet.server.product.benchmark.Split;

/**
 * The one reader of stored labels ({@code tn_bench_label}). Held-out labels leave this class only into
 * scoring and the baselines' fit on train; nothing that answers a request hands them out.
 */
public class LabelStore {

    private final JdbcTemplate jdbc;

    public LabelStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The labels of a task's records in one split, ordered by record id. */
    public List<Observed> labels(String datasetId, String taskId, Split split) {
        return jdbc.query(
                "SELECT record_id, direction, change_value, adverse_event FROM tn_bench_label "
                        + "WHERE dataset_id = ? AND task_id = ? AND split = ? ORDER BY record_id",
                (rs, i) -> new Observed(
                        rs.getString(1), rs.getString(2), rs.getBigDecimal(3).doubleValue(), rs.getBoolean(4)),
                datasetId,
                taskId,
                split.code());
    }

    /**
     * The server-only source keys of a task's records in one split, sorted: which source transitions the split holds,
     * the same in every version that holds them (record ids are released pseudonyms and may differ between versions).
     */
    public List<String> sourceKeys(String datasetId, String taskId, Split split) {
        return jdbc.queryForList(
                "SELECT source_key FROM tn_bench_label WHERE dataset_id = ? AND task_id = ? AND split = ? "
                        + "ORDER BY source_key",
                String.class,
                datasetId,
                taskId,
                split.code());
    }
}
