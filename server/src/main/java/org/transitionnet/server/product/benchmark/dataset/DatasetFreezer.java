package org.transitionnet.server.product.benchmark.dataset;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.transaction.support.TransactionTemplate;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;
import org.transitionnet.server.product.benchmark.task.TaskCatalog;
import org.transitionnet.server.release.deid.DeidEngines;
import org.transitionnet.server.release.deid.ReleasedValues;
import org.transitionnet.server.release.policy.AdverseEventPolicy;
import org.transitionnet.server.release.policy.SetValuedPolicy;

/**
 * Turns a build's staged records into a dataset version: decides what is published
 * ({@link DatasetPublication}), names the content ({@link DatasetVersioning}) and, unless a ready
 * version already has that content, writes the whole version in one transaction — its row, records and
 * labels, the baselines' scores, every released file and the card — and marks it ready. Until the
 * transaction commits nobody sees any of it; if anything fails nothing of it remains but a
 * {@code failed} row naming the reason. It can run again for the same build: rows an unfinished run
 * left under the id are removed first, and a version this build already froze is reported as its own.
 */
public class DatasetFreezer {

    /** Path of the card's JSON among the released files; stored with the version as well. */
    public static final String CARD_JSON = "card.json";

    private final TaskCatalog tasks;
    private final MappingCatalogue catalog;
    private final DeidEngines deid;
    private final DatasetStore store;
    private final DatasetVersionWriter writer;
    private final BaselineScorer baselines;
    private final DatasetFilesWriter files;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final AdverseEventPolicy adverseEvents;
    private final SetValuedPolicy setValued;

    /**
     * @param adverseEvents its l is the l-diversity of the released adverse-event labels
     * @param setValued     k^m over the subjects' action classes, state variables and record counts
     */
    public DatasetFreezer(
            TaskCatalog tasks,
            MappingCatalogue catalog,
            DeidEngines deid,
            DatasetStore store,
            DatasetVersionWriter writer,
            BaselineScorer baselines,
            DatasetFilesWriter files,
            TransactionTemplate transaction,
            Clock clock,
            AdverseEventPolicy adverseEvents,
            SetValuedPolicy setValued) {
        this.adverseEvents = adverseEvents;
        this.setValued = setValued;
        this.tasks = tasks;
        this.catalog = catalog;
        this.deid = deid;
        this.store = store;
        this.writer = writer;
        this.baselines = baselines;
        this.files = files;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * What a build asked for.
     *
     * @param minHeldOutRecords held-out records each task needs (by task id; a task not named needs 0)
     * @param demonstration     whether a threshold was lowered: the version is a demonstration, not a benchmark
     * @param familyId          the version family fixed at kick-off; null (builds started before families were pinned):
     *                          computed from the requested tasks and k
     * @param setValuedM        m of k^m; null: the server's
     */
    public record Request(
            String jobId,
            List<String> taskIds,
            int k,
            Integer minHeldOutSubjects,
            String builtBy,
            Map<String, Integer> minHeldOutRecords,
            boolean demonstration,
            String familyId,
            Integer setValuedM) {

        public Request(String jobId, List<String> taskIds, int k, Integer minHeldOutSubjects, String builtBy) {
            this(jobId, taskIds, k, minHeldOutSubjects, builtBy, Map.of(), false, null, null);
        }
    }

    /**
     * What a build produced.
     *
     * @param version   the version the build names (new, or the existing one with the same content); empty when every task was refused
     * @param unchanged whether the content equals a ready version made before this build
     */
    public record Outcome(
            Optional<DatasetVersion> version,
            boolean unchanged,
            Map<String, String> refusals,
            List<String> tasks,
            Map<String, Map<String, Integer>> counts,
            DatasetPublication.Result publication) {}

    public Outcome freeze(Request request, List<DatasetRecord> stagedAsMeasured) {
        List<DatasetRecord> staged = releasedValues(stagedAsMeasured, catalog);
        List<BenchmarkTask> requested = request.taskIds().stream()
                .map(id -> tasks.task(id)
                        .orElseThrow(() ->
                                new IllegalStateException("benchmark task " + id + " is no longer in the catalogue")))
                .toList();
        DatasetPublication.Result published = DatasetPublication.publish(
                staged,
                requested,
                request.k(),
                request.minHeldOutSubjects(),
                t -> request.minHeldOutRecords().getOrDefault(t.id(), 0),
                adverseEvents.l(),
                request.setValuedM() == null ? setValued : setValued.withM(request.setValuedM()));
        List<String> taskIds = published.tasks().stream().map(BenchmarkTask::id).toList();
        if (published.tasks().isEmpty()) {
            return new Outcome(Optional.empty(), false, published.refusals(), taskIds, Map.of(), published);
        }
        Map<String, String> taskVersions = new TreeMap<>();
        published.tasks().forEach(t -> taskVersions.put(t.id(), t.version()));
        DatasetFamilies families = new DatasetFamilies(tasks, catalog, deid);
        String deidVersion = families.deidVersion();
        // The family the build staged its records under (the requested tasks at kick-off, and k).
        String familyId =
                request.familyId() != null ? request.familyId() : families.familyId(request.taskIds(), request.k());
        String released = DatasetVersioning.contentHash(
                published.tasks(), catalog.version(), deidVersion, request.k(), published.records());
        // A demonstration is another version than a benchmark with the same records.
        String hash = request.demonstration()
                ? DatasetVersioning.sha256(("demonstration\n" + released).getBytes(StandardCharsets.UTF_8))
                : released;
        String datasetId = DatasetVersioning.datasetId(hash);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        DatasetVersion[] building = {null};
        try {
            return transaction.execute(status -> {
                writer.lockVersions();
                List<DatasetVersion> ready = store.versions();
                Optional<DatasetVersion> same =
                        ready.stream().filter(v -> hash.equals(v.contentHash())).findFirst();
                if (same.isPresent()) {
                    // A re-run of a build that already froze its version names it as its own.
                    boolean unchanged = !request.jobId().equals(same.get().jobId());
                    return outcome(same.get(), unchanged, published);
                }
                writer.deleteUnfinished(datasetId);
                String semver = DatasetVersioning.nextSemver(ready, familyId);
                DatasetVersion version = new DatasetVersion(
                        datasetId,
                        semver,
                        DatasetVersion.BUILDING,
                        request.jobId(),
                        taskIds,
                        taskVersions,
                        catalog.version(),
                        deidVersion,
                        hash,
                        now,
                        request.builtBy(),
                        published.refusals(),
                        null,
                        null,
                        request.demonstration(),
                        familyId);
                building[0] = version;
                writer.insertBuilding(version);
                writer.insertRecords(datasetId, published.records());
                List<ScoreSummary> scores = baselines.scoreBaselines(datasetId, published.tasks());
                List<DatasetFile> written = files.write(new DatasetContent(
                        version, published.tasks(), published.records(), published.refusals(), scores, request.k()));
                writer.insertFiles(datasetId, written);
                String card = written.stream()
                        .filter(f -> CARD_JSON.equals(f.path()))
                        .findFirst()
                        .map(f -> new String(f.content(), StandardCharsets.UTF_8))
                        .orElse(null);
                writer.markReady(datasetId, card);
                return outcome(store.version(datasetId).orElseThrow(), false, published);
            });
        } catch (RuntimeException e) {
            if (building[0] != null) {
                DatasetVersion failed = building[0];
                transaction.executeWithoutResult(status -> writer.markFailed(failed, e.toString()));
            }
            throw e;
        }
    }

    /**
     * The records with values as every release shows them: rounded to the catalogue's release precision, the tails
     * top- and bottom-coded at percentiles of this build's values, as research exports do, so that neither product
     * shows a value the other generalized.
     */
    static List<DatasetRecord> releasedValues(List<DatasetRecord> staged, MappingCatalogue catalog) {
        ReleasedValues.Collector collector = ReleasedValues.collector(catalog);
        for (DatasetRecord r : staged) {
            if (r.baseline() != null) {
                collector.add(r.baseline().variable(), r.baseline().value());
                if (r.label() != null) {
                    collector.add(r.baseline().variable(), r.label().followUp());
                }
            }
            r.inputs().values().forEach(m -> collector.add(m.variable(), m.value()));
        }
        ReleasedValues values = collector.build();
        return staged.stream().map(r -> r.withReleasedValues(values)).toList();
    }

    private Outcome outcome(DatasetVersion version, boolean unchanged, DatasetPublication.Result published) {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        for (DatasetRecord r : published.records()) {
            counts.computeIfAbsent(r.taskId(), t -> new TreeMap<>())
                    .merge(r.split().code(), 1, Integer::sum);
        }
        List<String> taskIds = new ArrayList<>(
                published.tasks().stream().map(BenchmarkTask::id).toList());
        return new Outcome(Optional.of(version), unchanged, published.refusals(), taskIds, counts, published);
    }

    /** The de-identification behind the content ({@link DatasetFamilies#deidVersion()}). */
    String deidVersion() {
        return new DatasetFamilies(tasks, catalog, deid).deidVersion();
    }
}
