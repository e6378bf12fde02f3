package org.transitionnet.server.product.benchmark.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.config.DatabaseKind;
import org.transitionnet.server.product.benchmark.Split;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;
import org.transitionnet.server.product.benchmark.task.TaskCatalog;
import org.transitionnet.server.release.deid.DeidEngines;
import org.transitionnet.server.release.policy.AdverseEventPolicy;
import org.transitionnet.server.release.policy.SetValuedPolicy;
import org.transitionnet.server.support.DatasetBuildClient;
import org.transitionnet.server.support.ServerTestBase;

/**
 * Freezing versions with released files, on hand-made records and a small files writer of the test's
 * own (the server's writer is a separate part): files stored with their digest and served as stored,
 * the card, immutability of a version once a later one is made, a failed freeze that leaves nothing
 * but its reason and can be run again, and a re-run of the same build naming its own version.
 */
class DatasetFreezerIT extends ServerTestBase {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    private TaskCatalog tasks;

    @Autowired
    private MappingCatalogue catalog;

    @Autowired
    private DeidEngines deid;

    @Autowired
    private DatasetStore store;

    @Autowired
    private DatabaseKind databaseKind;

    @Autowired
    private PlatformTransactionManager transactions;

    private final AtomicBoolean failWriting = new AtomicBoolean();
    private DatasetFreezer freezer;
    private BenchmarkTask task;
    /** Distinguishes this run's records from any other run's against the same database. */
    private String run;

    @BeforeEach
    void freezer() {
        task = tasks.task("statin-ldl").orElseThrow();
        run = UUID.randomUUID().toString().substring(0, 8);
        DatasetFilesWriter writer = content -> {
            if (failWriting.get()) {
                throw new IllegalStateException("disk full");
            }
            List<DatasetFile> files = new ArrayList<>();
            StringBuilder card =
                    new StringBuilder("{\"datasetId\":\"" + content.version().datasetId() + "\",\"records\":"
                            + content.records().size() + "}");
            files.add(new DatasetFile(
                    DatasetFreezer.CARD_JSON,
                    "application/json",
                    card.toString().getBytes(StandardCharsets.UTF_8)));
            files.add(new DatasetFile(
                    "card.md",
                    "text/markdown",
                    ("# " + content.version().datasetId() + "\n").getBytes(StandardCharsets.UTF_8)));
            for (Split split : Split.values()) {
                StringBuilder lines = new StringBuilder();
                content.records().stream()
                        .filter(r -> r.split() == split)
                        .forEach(r -> lines.append(DatasetRecordJson.released(r, split.labelsReleased()))
                                .append('\n'));
                files.add(new DatasetFile(
                        "tasks/" + task.id() + "/" + split.code() + ".ndjson",
                        "application/x-ndjson",
                        lines.toString().getBytes(StandardCharsets.UTF_8)));
            }
            return files;
        };
        // No baselines here: this test is about freezing and storing, with files it can recognise.
        BaselineScorer noBaselines = (datasetId, publishedTasks) -> List.of();
        freezer = new DatasetFreezer(
                tasks,
                catalog,
                deid,
                store,
                new DatasetVersionWriter(jdbc, databaseKind),
                noBaselines,
                writer,
                new TransactionTemplate(transactions),
                Clock.systemUTC(),
                AdverseEventPolicy.defaults(catalog),
                SetValuedPolicy.of(catalog, 2));
    }

    @Test
    void filesAreStoredWithTheirDigestAndServedAsStoredAndTheVersionNeverChanges() throws Exception {
        DatasetFreezer.Outcome outcome = freezer.freeze(request("job-a-" + run), records("100"));
        DatasetVersion v1 = outcome.version().orElseThrow();
        assertThat(outcome.unchanged()).isFalse();
        assertThat(v1.isReady()).isTrue();
        assertThat(v1.cardJson()).contains(v1.datasetId(), "\"records\":6");
        assertThat(outcome.counts().get(task.id()))
                .containsEntry("train", 2)
                .containsEntry("tuning", 2)
                .containsEntry("held_out", 2);

        List<DatasetStore.StoredFile> stored = store.files(v1.datasetId());
        assertThat(stored)
                .extracting(DatasetStore.StoredFile::path)
                .containsExactly(
                        "card.json",
                        "card.md",
                        "tasks/statin-ldl/held_out.ndjson",
                        "tasks/statin-ldl/train.ndjson",
                        "tasks/statin-ldl/tuning.ndjson");
        Map<String, byte[]> before = new LinkedHashMap<>();
        DatasetBuildClient builds = new DatasetBuildClient(baseUrl(), adminToken());
        for (DatasetStore.StoredFile f : stored) {
            byte[] bytes = store.file(v1.datasetId(), f.path()).orElseThrow();
            assertThat(f.sha256()).isEqualTo(DatasetVersioning.sha256(bytes));
            assertThat(f.size()).isEqualTo(bytes.length);
            HttpResponse<byte[]> served = builds.bytes("/$dataset-file?dataset=" + v1.datasetId() + "&path="
                    + URLEncoder.encode(f.path(), StandardCharsets.UTF_8));
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.body()).isEqualTo(bytes);
            assertThat(served.headers().firstValue("ETag")).contains("\"" + f.sha256() + "\"");
            assertThat(served.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith(f.mediaType());
            before.put(f.path(), bytes);
        }
        String heldOut = new String(before.get("tasks/statin-ldl/held_out.ndjson"), StandardCharsets.UTF_8);
        assertThat(heldOut).isNotBlank().doesNotContain("label");
        // A client that holds the file already gets 304.
        HttpResponse<String> notModified = HTTP.send(
                HttpRequest.newBuilder(java.net.URI.create(
                                baseUrl() + "/$dataset-file?dataset=" + v1.datasetId() + "&path=card.md"))
                        .header("Authorization", "Bearer " + adminToken())
                        .header("If-None-Match", "\"" + stored.get(1).sha256() + "\"")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(notModified.statusCode()).isEqualTo(304);
        // The card, in both forms.
        HttpResponse<String> cardJson = builds.get("/$dataset-card?dataset=" + v1.datasetId());
        assertThat(cardJson.statusCode()).isEqualTo(200);
        assertThat(cardJson.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(DatasetBuildClient.json(cardJson.body()).path("datasetId").asText())
                .isEqualTo(v1.datasetId());
        HttpResponse<String> cardMarkdown =
                builds.get("/$dataset-card?dataset=" + v1.datasetId() + "&_format=markdown");
        assertThat(cardMarkdown.statusCode()).as(cardMarkdown.body()).isEqualTo(200);
        assertThat(cardMarkdown.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("text/markdown");
        assertThat(cardMarkdown.body()).isEqualTo("# " + v1.datasetId() + "\n");
        JsonNode listed = DatasetBuildClient.json(
                builds.get("/$datasets?dataset=" + v1.datasetId()).body());
        assertThat(listed.path("files").size()).isEqualTo(5);
        assertThat(listed.path("files").get(0).path("url").asText())
                .contains("$dataset-file?dataset=" + v1.datasetId() + "&path=card.json");

        // Other data: a new version; the first stays byte-identical.
        DatasetVersion v2 = freezer.freeze(request("job-b-" + run), records("130"))
                .version()
                .orElseThrow();
        assertThat(v2.datasetId()).isNotEqualTo(v1.datasetId());
        String[] semver = v1.semver().split("\\.");
        assertThat(v2.semver())
                .as("the same task, catalogue and de-identification: MINOR")
                .isEqualTo(semver[0] + "." + (Integer.parseInt(semver[1]) + 1) + ".0");
        assertThat(store.version(v1.datasetId()).orElseThrow()).isEqualTo(v1);
        for (DatasetStore.StoredFile f : store.files(v1.datasetId())) {
            assertThat(store.file(v1.datasetId(), f.path()).orElseThrow())
                    .as(f.path())
                    .isEqualTo(before.get(f.path()));
        }
        assertThat(store.files(v1.datasetId())).isEqualTo(stored);
    }

    @Test
    void aFailedFreezeLeavesOnlyItsReasonAndCanRunAgain() {
        failWriting.set(true);
        List<DatasetRecord> records = records("120");
        assertThatThrownBy(() -> freezer.freeze(request("job-c-" + run), records))
                .hasMessageContaining("disk full");
        String datasetId = DatasetVersioning.datasetId(jdbc.queryForObject(
                "SELECT content_hash FROM tn_bench_dataset WHERE job_id = ?", String.class, "job-c-" + run));
        DatasetVersion failed = store.version(datasetId).orElseThrow();
        assertThat(failed.status()).isEqualTo(DatasetVersion.FAILED);
        assertThat(failed.failure()).contains("disk full");
        assertThat(store.versions()).extracting(DatasetVersion::datasetId).doesNotContain(datasetId);
        for (String table : List.of("tn_bench_record", "tn_bench_label", "tn_bench_file")) {
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM " + table + " WHERE dataset_id = ?", Integer.class, datasetId))
                    .as(table)
                    .isZero();
        }
        assertThat(new DatasetBuildClient(baseUrl(), adminToken())
                        .get("/$datasets?dataset=" + datasetId)
                        .statusCode())
                .isEqualTo(404);

        failWriting.set(false);
        DatasetFreezer.Outcome again = freezer.freeze(request("job-c-" + run), records);
        assertThat(again.version().orElseThrow().datasetId()).isEqualTo(datasetId);
        assertThat(again.version().orElseThrow().isReady()).isTrue();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM tn_bench_record WHERE dataset_id = ?", Integer.class, datasetId))
                .isEqualTo(6);
        // The same build run once more (its node died after freezing) names the version as its own; another build finds
        // it unchanged.
        DatasetFreezer.Outcome rerun = freezer.freeze(request("job-c-" + run), records);
        assertThat(rerun.unchanged()).isFalse();
        assertThat(rerun.version().orElseThrow().datasetId()).isEqualTo(datasetId);
        DatasetFreezer.Outcome other = freezer.freeze(request("job-d-" + run), records);
        assertThat(other.unchanged()).isTrue();
        assertThat(other.version().orElseThrow().datasetId()).isEqualTo(datasetId);
    }

    private DatasetFreezer.Request request(String jobId) {
        return new DatasetFreezer.Request(jobId, List.of(task.id()), 1, 1, "test-client");
    }

    /**
     * Six records of six subjects, two per split; {@code followUp} changes the content (values apart by more than the
     * target variable's release precision, so the released content differs too).
     */
    private List<DatasetRecord> records(String followUp) {
        List<DatasetRecord> out = new ArrayList<>();
        Split[] splits = {Split.TRAIN, Split.TRAIN, Split.TUNING, Split.TUNING, Split.HELD_OUT, Split.HELD_OUT};
        for (int i = 0; i < splits.length; i++) {
            Instant start = Instant.parse("2031-02-0" + (i + 1) + "T00:00:00Z");
            DatasetRecord.Measurement baseline = new DatasetRecord.Measurement(
                    task.targetVariable(), new BigDecimal("160"), task.changeUnit(), start, -2);
            DatasetRecord.Label label = new DatasetRecord.Label(
                    "improved",
                    new BigDecimal(followUp).subtract(new BigDecimal("160")),
                    new BigDecimal(followUp),
                    start.plusSeconds(86400L * 100),
                    100,
                    i % 2 == 0);
            out.add(new DatasetRecord(
                    task.id(),
                    run + "-record-" + i,
                    run + "-subject-" + i,
                    1000L + i,
                    splits[i],
                    start,
                    "50-59",
                    55,
                    "female",
                    List.of("atorvastatin", "statins"),
                    List.of(),
                    baseline,
                    Map.of(),
                    label));
        }
        return out;
    }
}
