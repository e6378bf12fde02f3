package org.transitionnet.server.derivation.transition.job;

import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The work chunks a job instance has already created for a step. A first step that runs again — its
 * node died part-way, or it failed and HAPI retries it — emits its chunks in the same order (patients
 * by id), so it skips as many chunks as the earlier run created instead of creating them a second
 * time (which would derive or export those patients twice and count them twice). HAPI wipes a
 * chunk's data when it completes, so the count, not the content, is what survives.
 */
public class CreatedChunks {

    private final JdbcTemplate jdbc;

    public CreatedChunks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public int count(String instanceId, String stepId) {
        Integer n = jdbc.queryForObject(
                "SELECT count(*) FROM bt2_work_chunk WHERE instance_id = ? AND tgt_step_id = ?",
                Integer.class,
                instanceId,
                stepId);
        return n == null ? 0 : n;
    }

    /** A consumer of chunks that drops the first {@code created} of them and passes the rest on. */
    public <T> Consumer<T> skippingCreated(String instanceId, String stepId, Consumer<T> sink) {
        int[] toSkip = {count(instanceId, stepId)};
        return chunk -> {
            if (toSkip[0] > 0) {
                toSkip[0]--;
            } else {
                sink.accept(chunk);
            }
        };
    }
}
