package org.transitionnet.server.product.benchmark.dataset.job;

import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.transitionnet.server.product.benchmark.dataset.DatasetRecord;
import org.transitionnet.server.product.benchmark.dataset.DatasetRecordJson;

/**
 * The records a dataset build has staged ({@code tn_bench_stage}), in the shared database so any node
 * can stage a chunk and any node can freeze the version. Staged records are already de-identified but
 * carry their labels, subject pseudonym and age in years: they never leave the server from here.
 */
public class BuildStage {

    private static final int PAGE = 500;

    private final JdbcTemplate jdbc;

    public BuildStage(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void stage(String jobId, List<DatasetRecord> records) {
        jdbc.batchUpdate(
                "INSERT INTO tn_bench_stage (job_id, task_id, record_id, subject, content) VALUES (?, ?, ?, ?, ?)",
                records.stream()
                        .map(r ->
                                new Object[] {jobId, r.taskId(), r.recordId(), r.subject(), DatasetRecordJson.staged(r)
                                })
                        .toList());
    }

    /** Removes what an earlier run of a chunk staged for the subject, so a retried chunk replaces its own rows. */
    public void removeSubject(String jobId, String subject) {
        jdbc.update("DELETE FROM tn_bench_stage WHERE job_id = ? AND subject = ?", jobId, subject);
    }

    /** Every staged record of the build, a page at a time (keyset paging on the primary key). */
    public void forEach(String jobId, Consumer<DatasetRecord> action) {
        String task = "";
        String record = "";
        while (true) {
            List<String[]> page = jdbc.query(
                    "SELECT task_id, record_id, content FROM tn_bench_stage WHERE job_id = ? "
                            + "AND (task_id > ? OR (task_id = ? AND record_id > ?)) ORDER BY task_id, record_id LIMIT "
                            + PAGE,
                    (rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)},
                    jobId,
                    task,
                    task,
                    record);
            for (String[] row : page) {
                action.accept(DatasetRecordJson.fromStaged(row[2]));
                task = row[0];
                record = row[1];
            }
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    public void clear(String jobId) {
        jdbc.update("DELETE FROM tn_bench_stage WHERE job_id = ?", jobId);
    }
}
