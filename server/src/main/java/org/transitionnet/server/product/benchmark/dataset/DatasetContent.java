package org.transitionnet.server.product.benchmark.dataset;

import java.util.List;
import java.util.Map;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;

/**
 * Everything the files and the card of one dataset version are written from: the version, its
 * published tasks, every record with its label (the writers release labels for train and tuning
 * only), the refused tasks and the baselines' scores.
 *
 * @param records the final records (k-anonymous, generalized), ordered by task, subject id, prediction time, record id
 */
public record DatasetContent(
        DatasetVersion version,
        List<BenchmarkTask> tasks,
        List<DatasetRecord> records,
        Map<String, String> refusals,
        List<ScoreSummary> baselines,
        int k) {}
