package org.transitionnet.server.product.benchmark.evaluate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.catalogue.StateVariable;
import org.transitionnet.server.product.benchmark.Split;
import org.transitionnet.server.product.benchmark.dataset.BaselineScorer;
import org.transitionnet.server.product.benchmark.dataset.DatasetRecord;
import org.transitionnet.server.product.benchmark.dataset.DatasetStore;
import org.transitionnet.server.product.benchmark.dataset.ScoreSummary;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;

/**
 * The baselines every dataset version ships with, fitted on its train split (records through
 * {@link DatasetStore}, labels through {@link LabelStore}) and scored on tuning and held_out like any
 * submission: {@link NoChangeBaseline}, {@link ClassMeanBaseline} and {@link RegressionBaseline}. They are
 * stored as baseline submissions (held-out scores shown rounded with intervals, as {@link HeldOutRelease} makes them) of the client {@value SubmissionStore#BASELINE_CLIENT}; scoring a version's
 * baselines again replaces them, in one transaction (the caller's, when it has one).
 */
public class ShippedBaselines implements BaselineScorer {

    private static final List<Split> SCORED = List.of(Split.TUNING, Split.HELD_OUT);

    private final DatasetStore datasets;
    private final LabelStore labels;
    private final SubmissionStore submissions;
    private final MappingCatalogue catalog;
    private final TransactionTemplate transaction;
    private final HeldOutRelease release;
    private final double operatingPoint;
    private final Clock clock;

    public ShippedBaselines(
            DatasetStore datasets,
            LabelStore labels,
            SubmissionStore submissions,
            MappingCatalogue catalog,
            TransactionTemplate transaction,
            HeldOutRelease release,
            double operatingPoint,
            Clock clock) {
        this.release = release;
        this.datasets = datasets;
        this.labels = labels;
        this.submissions = submissions;
        this.catalog = catalog;
        this.transaction = transaction;
        this.operatingPoint = operatingPoint;
        this.clock = clock;
    }

    @Override
    public List<ScoreSummary> scoreBaselines(String datasetId, List<BenchmarkTask> tasks) {
        return transaction.execute(status -> {
            submissions.deleteBaselines(
                    datasetId, tasks.stream().map(BenchmarkTask::id).toList());
            Instant now = clock.instant();
            List<ScoreSummary> summaries = new ArrayList<>();
            for (BenchmarkTask task : tasks) {
                List<BaselineModel> models = fit(datasetId, task);
                for (Split split : SCORED) {
                    List<Observed> splitLabels = labels.labels(datasetId, task.id(), split);
                    List<DatasetRecord> records = new ArrayList<>();
                    datasets.forEachRecord(datasetId, task.id(), split, records::add);
                    for (BaselineModel model : models) {
                        Map<String, Prediction> predictions = new HashMap<>();
                        records.forEach(r -> predictions.put(r.recordId(), model.predict(r)));
                        Evaluation evaluation = Metrics.evaluate(splitLabels, predictions, operatingPoint);
                        String id = UUID.randomUUID().toString();
                        // Held-out baseline scores are shown as any held-out answer is: rounded with intervals (no
                        // ladder: published once).
                        HeldOutScores heldOut = null;
                        if (split == Split.HELD_OUT) {
                            HeldOutRelease.Candidate c =
                                    release.candidate(splitLabels, predictions, task.metrics(), task.primaryMetric());
                            heldOut = c.withheld() != null
                                    ? HeldOutScores.withheld(c.withheld())
                                    : new HeldOutScores(c.metrics(), c.intervals(), null, true, 0, id, now);
                        }
                        submissions.insert(new StoredSubmission(
                                id,
                                datasetId,
                                task.id(),
                                split.code(),
                                SubmissionStore.BASELINE_CLIENT,
                                model.name(),
                                model.description(),
                                true,
                                evaluation,
                                now,
                                heldOut,
                                null));
                        summaries.add(new ScoreSummary(
                                task.id(),
                                split.code(),
                                model.name(),
                                true,
                                evaluation.metrics(),
                                evaluation.predicted(),
                                evaluation.missing()));
                    }
                }
            }
            return summaries;
        });
    }

    /** The three baselines of a task, fitted on the version's train split. */
    List<BaselineModel> fit(String datasetId, BenchmarkTask task) {
        List<TrainingRecord> train = trainingSet(datasetId, task.id());
        StateVariable variable = catalog.stateVariable(task.targetVariable())
                .orElseThrow(() -> new IllegalStateException("Benchmark task " + task.id() + " names state variable "
                        + task.targetVariable() + ", which the mapping catalogue lacks"));
        ClassMeanBaseline classMean = ClassMeanBaseline.fit(train, task.intervalLevel());
        return List.of(
                new NoChangeBaseline(train),
                classMean,
                RegressionBaseline.fit(train, task, new ChangeRule(variable), classMean));
    }

    private List<TrainingRecord> trainingSet(String datasetId, String taskId) {
        Map<String, Observed> byId = new LinkedHashMap<>();
        labels.labels(datasetId, taskId, Split.TRAIN).forEach(l -> byId.put(l.recordId(), l));
        List<TrainingRecord> train = new ArrayList<>();
        datasets.forEachRecord(datasetId, taskId, Split.TRAIN, r -> {
            Observed label = byId.get(r.recordId());
            if (label != null) {
                train.add(new TrainingRecord(r, label));
            }
        });
        return train;
    }
}
