package org.transitionnet.server.product.benchmark.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.transitionnet.server.derivation.transition.StoredTransition;
import org.transitionnet.server.derivation.transition.TransitionStore;
import org.transitionnet.server.product.benchmark.Split;
import org.transitionnet.server.product.benchmark.dataset.job.DatasetBuildParameters;
import org.transitionnet.server.product.benchmark.task.TaskCatalog;
import org.transitionnet.server.record.facts.ActionFact;
import org.transitionnet.server.record.facts.FactStore;
import org.transitionnet.server.support.BenchmarkFamilyKeys;
import org.transitionnet.server.support.DatasetBuildClient;
import org.transitionnet.server.support.ServerTestBase;
import org.transitionnet.server.support.SyntheaPopulation;
import org.transitionnet.server.support.TestSecurity;

/**
 * Dataset builds over HTTP on the Synthea population (53 patients: only small k and few held-out
 * subjects can publish anything, which the tests' server k of 1 and {@code allow-demonstration-versions} permit): the async
 * protocol, versions and their immutability, split stability across tasks, versions and data changes,
 * no held-out label on any route, k-anonymity of what is released, refusals, and bad input.
 */
class DatasetBuildIT extends ServerTestBase {

    private static final String TEST_KEY = "test-only-deid-key-IT-0123456789abcdef";
    /** The population is small: no k-anonymity and one held-out subject are enough to publish. */
    private static final String SMALL = "_k=1&_minHeldOutSubjects=1";

    private static final String BP = "antihypertensive-systolic-bp";

    private static boolean derived;
    private static JsonNode first;
    private static Map<Long, SyntheaPopulation.Member> bySubjectId;
    private static String family;

    @Autowired
    private TaskCatalog tasks;

    @Autowired
    private DatasetStore store;

    @Autowired
    private ca.uhn.fhir.batch2.api.IJobCoordinator jobs;

    @Autowired
    private TransitionStore transitions;

    @Autowired
    private FactStore facts;

    private DatasetBuildClient builds;
    private SubjectKeys keys;

    @BeforeEach
    void populationAndAFirstVersion() {
        builds = new DatasetBuildClient(baseUrl(), adminToken());
        List<SyntheaPopulation.Member> members = derivedPopulation();
        if (!derived) {
            derived = true;
            first = builds.build(SMALL);
            // Ids are keyed per version family: the first version's family gives the keys of the versions compared with
            // it.
            family = store.version(first.path("datasetId").asText())
                    .orElseThrow()
                    .familyId();
            keys = BenchmarkFamilyKeys.keys(TEST_KEY, family, tasks.splitRule());
            bySubjectId = new HashMap<>();
            members.forEach(m -> bySubjectId.put(keys.subjectId(keys.subject(m.serverId())), m));
        }
        keys = BenchmarkFamilyKeys.keys(TEST_KEY, family, tasks.splitRule());
    }

    @Test
    void aBuildOfEveryTaskRunsEndToEndOverHttp() {
        HttpResponse<String> kickOff = builds.kickOff(SMALL, null, true);
        assertThat(kickOff.statusCode()).as(kickOff.body()).isEqualTo(202);
        String statusUrl = kickOff.headers().firstValue("Content-Location").orElseThrow();
        assertThat(statusUrl).contains("$dataset-build-status?_jobId=");
        assertThat(kickOff.body()).contains("OperationOutcome", "information");
        HttpResponse<String> done = builds.await(statusUrl);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.headers().firstValue("Content-Type").orElse("")).contains("application/json");

        // Every task was asked for; each is published or refused with a reason.
        JsonNode result = DatasetBuildClient.json(done.body());
        Set<String> answered = new TreeSet<>();
        result.path("tasks").forEach(t -> answered.add(t.asText()));
        result.path("refusals").fieldNames().forEachRemaining(answered::add);
        assertThat(answered)
                .containsExactlyInAnyOrderElementsOf(
                        tasks.tasks().stream().map(t -> t.id()).toList());
        assertThat(result.path("tasks").size()).as("a published task").isPositive();
        assertThat(result.path("patients").asInt()).isGreaterThanOrEqualTo(53);
        assertThat(result.path("patientsFailed").asInt()).isZero();
        String datasetId = result.path("datasetId").asText();
        assertThat(datasetId)
                .matches("ds-[0-9a-f]{12}")
                .isEqualTo("ds-" + result.path("contentHash").asText().substring(0, 12));
        assertThat(result.path("semver").asText()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(result.path("jobId").asText()).isEqualTo(statusUrl.substring(statusUrl.indexOf("_jobId=") + 7));

        DatasetVersion version = store.version(datasetId).orElseThrow();
        assertThat(version.isReady()).isTrue();
        // The version names the client that asked first: this test's, unless another test (the benchmark journey, as
        // the quick start's steward) built the same content before it.
        if (result.path("unchanged").asBoolean()) {
            assertThat(version.builtBy())
                    .as("the client id of the token that asked first")
                    .isIn("test-client", TestSecurity.BENCHMARK_STEWARD);
        } else {
            assertThat(version.builtBy())
                    .as("the client id of the token that asked first")
                    .isEqualTo("test-client");
        }
        assertThat(version.taskVersions()).containsOnlyKeys(version.taskIds());
        assertThat(version.deidVersion()).contains("2.0.0", "key=", "split=keyed-subject-hash/1");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM tn_bench_stage WHERE job_id = ?",
                        Integer.class,
                        result.path("jobId").asText()))
                .as("staging cleared")
                .isZero();
        // The family is fixed at kick-off (the job's parameters): staging keyed the ids under it and the version
        // carries it.
        assertThat(jobs.getInstance(result.path("jobId").asText())
                        .getParameters(DatasetBuildParameters.class)
                        .familyId())
                .startsWith("fam-")
                .isEqualTo(version.familyId());

        // $datasets: the tasks with their safety boundary, and this version with counts and files.
        JsonNode all = DatasetBuildClient.json(builds.get("/$datasets").body());
        assertThat(all.path("tasks").size()).isEqualTo(tasks.tasks().size());
        all.path("tasks")
                .forEach(t -> assertThat(t.path("safetyBoundary").asText()).contains("not for individual care"));
        JsonNode listed = null;
        for (JsonNode d : all.path("datasets")) {
            if (d.path("datasetId").asText().equals(datasetId)) {
                listed = d;
            }
        }
        assertThat(listed).as("listed in $datasets").isNotNull();
        JsonNode one = DatasetBuildClient.json(
                builds.get("/$datasets?dataset=" + datasetId).body());
        assertThat(one).isEqualTo(listed);
        assertThat(one.path("counts")).isEqualTo(result.path("counts"));
        int records = 0;
        for (JsonNode perTask : one.path("counts")) {
            for (JsonNode n : perTask) {
                records += n.asInt();
            }
        }
        assertThat(records)
                .isPositive()
                .isEqualTo(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM tn_bench_record WHERE dataset_id = ?", Integer.class, datasetId))
                .isEqualTo(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM tn_bench_label WHERE dataset_id = ?", Integer.class, datasetId));
        assertThat(one.path("files").size()).isEqualTo(store.files(datasetId).size());
        for (JsonNode f : one.path("files")) {
            HttpResponse<byte[]> file = builds.bytes(f.path("url").asText());
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(DatasetVersioning.sha256(file.body()))
                    .isEqualTo(f.path("sha256").asText());
            assertThat((long) file.body().length).isEqualTo(f.path("size").asLong());
            assertThat(file.headers().firstValue("ETag").orElseThrow())
                    .isEqualTo("\"" + f.path("sha256").asText() + "\"");
            assertThat(file.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith(f.path("mediaType").asText());
        }
        // The store gives the released inputs only.
        for (String task : version.taskIds()) {
            for (Split split : Split.values()) {
                store.forEachRecord(
                        datasetId, task, split, r -> assertThat(r.label()).isNull());
            }
        }
    }

    @Test
    void aRebuildOfTheSameDataIsTheSameVersion() {
        int versions = jdbc.queryForObject("SELECT COUNT(*) FROM tn_bench_dataset", Integer.class);
        JsonNode again = builds.build(SMALL);
        assertThat(again.path("unchanged").asBoolean()).isTrue();
        assertThat(again.path("datasetId").asText())
                .isEqualTo(first.path("datasetId").asText());
        assertThat(again.path("semver").asText()).isEqualTo(first.path("semver").asText());
        assertThat(again.path("contentHash").asText())
                .isEqualTo(first.path("contentHash").asText());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tn_bench_dataset", Integer.class))
                .isEqualTo(versions);
        // Parameters in a FHIR Parameters body, integers as integers.
        String body = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"_k\",\"valueInteger\":1},"
                + "{\"name\":\"_minHeldOutSubjects\",\"valueInteger\":1}]}";
        HttpResponse<String> kickOff = builds.kickOff(null, body, true);
        assertThat(kickOff.statusCode()).as(kickOff.body()).isEqualTo(202);
        JsonNode viaBody = DatasetBuildClient.json(
                builds.await(kickOff.headers().firstValue("Content-Location").orElseThrow())
                        .body());
        assertThat(viaBody.path("datasetId").asText())
                .isEqualTo(first.path("datasetId").asText());
    }

    @Test
    void aSubjectKeepsItsSplitInEveryTaskAndVersionAndOldVersionsStayByteIdentical() {
        String v1 = first.path("datasetId").asText();
        List<Map<String, Object>> v1Rows = rows(v1);
        Map<String, FileSnapshot> v1Files = files(v1);
        Map<Long, String> splits = splitsOf(v1);
        assertThat(splits).isNotEmpty();
        // The split is the keyed split of the subject, whatever the task.
        splits.forEach((subjectId, split) -> {
            SyntheaPopulation.Member m = bySubjectId.get(subjectId);
            if (m != null) {
                assertThat(split).isEqualTo(keys.split(m.serverId()).code());
            }
        });
        // Other tests share the database: every released subject is the keyed subject of some stored patient.
        Set<Long> storedSubjects = new HashSet<>();
        jdbc.queryForList("SELECT fhir_id FROM hfj_resource WHERE res_type = 'Patient'", String.class)
                .forEach(id -> storedSubjects.add(keys.subjectId(keys.subject(id))));
        assertThat(splits.keySet()).as("released subjects are stored patients").isSubsetOf(storedSubjects);
        assertThat(splits.keySet()).as("population members are released").containsAnyElementsOf(bySubjectId.keySet());

        // New data: a BMI the day before an episode start, later than the record's latest BMI, so its input changes.
        Change change = changeOneInput();
        String observationId =
                client.create().resource(change.bmi()).execute().getId().getIdPart();
        try {
            rederiveAndWait(List.of(change.patientId()));
            // Other builds (other tasks, other k: other families) may have made later MAJOR versions: this family keeps
            // its MAJOR line.
            List<DatasetVersion> readyBefore = store.versions();
            DatasetVersion firstVersion = store.version(v1).orElseThrow();
            int minorBefore = readyBefore.stream()
                    .filter(v -> family.equals(v.familyId()))
                    .mapToInt(v -> Integer.parseInt(v.semver().split("\\.")[1]))
                    .max()
                    .orElseThrow();
            JsonNode second = builds.build(SMALL);
            String v2 = second.path("datasetId").asText();
            assertThat(second.path("unchanged").asBoolean()).isFalse();
            assertThat(v2).isNotEqualTo(v1);
            String[] before = firstVersion.semver().split("\\.");
            assertThat(second.path("semver").asText())
                    .as("the same family with other data: the family's MAJOR, the next MINOR")
                    .isEqualTo(before[0] + "." + (minorBefore + 1) + ".0");
            assertThat(store.version(v2).orElseThrow().familyId()).isEqualTo(family);
            JsonNode changed = DatasetBuildClient.json(jdbc.queryForObject(
                    "SELECT inputs FROM tn_bench_record WHERE dataset_id = ? AND task_id = ? AND record_id = ?",
                    String.class,
                    v2,
                    BP,
                    change.recordId()));
            // Released at the catalogue's release precision for BMI (1 kg/m2).
            assertThat(changed.path("inputs").path("bmi").path("value").decimalValue())
                    .isEqualByComparingTo("27");

            Map<Long, String> splits2 = splitsOf(v2);
            assertThat(splits2.keySet()).containsAll(splits.keySet());
            splits.forEach((subjectId, split) -> assertThat(splits2.get(subjectId))
                    .as("split of subject %d", subjectId)
                    .isEqualTo(split));

            // The first version is untouched: its rows and every file, byte for byte.
            assertThat(rows(v1)).isEqualTo(v1Rows);
            assertThat(files(v1)).isEqualTo(v1Files);
            assertThat(store.version(v1).orElseThrow().isReady()).isTrue();
            assertThat(builds.get("/$datasets?dataset=" + v1).statusCode()).isEqualTo(200);
        } finally {
            client.delete().resourceById("Observation", observationId).execute();
            rederiveAndWait(List.of(change.patientId()));
        }
        // The data is as it was: the content is the first version's again, so no version is made.
        JsonNode restored = builds.build(SMALL);
        assertThat(restored.path("unchanged").asBoolean()).isTrue();
        assertThat(restored.path("datasetId").asText()).isEqualTo(v1);
    }

    @Test
    void noHeldOutLabelIsReachable() {
        String datasetId = first.path("datasetId").asText();
        List<String> heldOut = jdbc.queryForList(
                "SELECT record_id FROM tn_bench_record WHERE dataset_id = ? AND split = ?",
                String.class,
                datasetId,
                Split.HELD_OUT.code());
        assertThat(heldOut).as("every published task has held-out records").isNotEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM tn_bench_label WHERE dataset_id = ? AND split = ?",
                        Integer.class,
                        datasetId,
                        Split.HELD_OUT.code()))
                .as("kept on the server for scoring")
                .isEqualTo(heldOut.size());
        // The record table holds inputs only, for every split.
        for (String inputs :
                jdbc.queryForList("SELECT inputs FROM tn_bench_record WHERE dataset_id = ?", String.class, datasetId)) {
            JsonNode r = DatasetBuildClient.json(inputs);
            assertThat(r.has("label")).isFalse();
            assertThat(r.has("subject")).isFalse();
            assertThat(r.has("ageYears")).isFalse();
        }
        // No released file has a label on a line of a held-out record.
        Map<String, String> directions = new HashMap<>();
        jdbc.query(
                "SELECT record_id, direction FROM tn_bench_label WHERE dataset_id = ? AND split = ?",
                rs -> {
                    directions.put(rs.getString(1), rs.getString(2));
                },
                datasetId,
                Split.HELD_OUT.code());
        for (DatasetStore.StoredFile f : store.files(datasetId)) {
            String text = new String(store.file(datasetId, f.path()).orElseThrow(), StandardCharsets.ISO_8859_1);
            for (String line : text.split("\n")) {
                for (String recordId : heldOut) {
                    if (line.contains(recordId)) {
                        assertThat(line)
                                .as("%s, held-out record %s", f.path(), recordId)
                                .doesNotContain("\"label\"", "followUp", "follow_up");
                        assertThat(List.of(line.split("[^A-Za-z_]+")))
                                .as("%s, held-out record %s", f.path(), recordId)
                                .doesNotContain(directions.get(recordId));
                    }
                }
            }
        }
        // Nor does any answer of the dataset operations.
        String listing = builds.get("/$datasets?dataset=" + datasetId).body()
                + builds.get("/$datasets").body()
                + builds.get("/$dataset-build-status?_jobId="
                                + first.path("jobId").asText())
                        .body();
        assertThat(listing).doesNotContain("\"label\"");
        heldOut.forEach(id -> assertThat(listing).doesNotContain(id));
    }

    @Test
    void releasedAgeBandsAndSexAreKAnonymousAcrossTasks() {
        int published = 0;
        StringBuilder refusals = new StringBuilder();
        for (int k : new int[] {2, 3}) {
            HttpResponse<String> done = builds.run("_k=" + k + "&_minHeldOutSubjects=1");
            if (done.statusCode() == 422) {
                // Every task refused: the reasons say why, and nothing is released.
                assertThat(done.body()).contains("k=" + k);
                refusals.append(done.body());
                continue;
            }
            assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
            JsonNode result = DatasetBuildClient.json(done.body());
            assertThat(result.path("k").asInt()).isEqualTo(k);
            String datasetId = result.path("datasetId").asText();
            Map<Long, String> sexes = new HashMap<>();
            Map<Long, Set<String>> bands = new HashMap<>();
            for (String inputs : jdbc.queryForList(
                    "SELECT inputs FROM tn_bench_record WHERE dataset_id = ?", String.class, datasetId)) {
                JsonNode r = DatasetBuildClient.json(inputs);
                sexes.put(r.path("subjectId").asLong(), r.path("sex").asText(""));
                bands.computeIfAbsent(r.path("subjectId").asLong(), s -> new TreeSet<>())
                        .add(r.path("ageBand").asText());
            }
            Map<String, Integer> groups = new HashMap<>();
            sexes.forEach((subject, sex) -> groups.merge(sex + "|" + bands.get(subject), 1, Integer::sum));
            assertThat(groups).isNotEmpty();
            groups.forEach((group, size) -> assertThat(size)
                    .as("k=%d: subjects released as %s", k, group)
                    .isGreaterThanOrEqualTo(k));
            assertThat(result.path("subjectsSuppressed").asInt()
                            + result.path("recordsGeneralized").asInt())
                    .as("a population this small needs generalization or suppression at k=%d", k)
                    .isPositive();
            published++;
        }
        assertThat(published)
                .as("the population publishes a task at k=2 or k=3: %s", refusals)
                .isPositive();
    }

    @Test
    void aPopulationTooSmallForATaskIsRefusedNamingTheTask() {
        int versions = jdbc.queryForObject("SELECT COUNT(*) FROM tn_bench_dataset", Integer.class);
        HttpResponse<String> all = builds.run("_k=1&_minHeldOutSubjects=1000");
        assertThat(all.statusCode()).as(all.body()).isEqualTo(422);
        OperationOutcome outcome = fhirContext.newJsonParser().parseResource(OperationOutcome.class, all.body());
        assertThat(outcome.getIssue()).hasSize(tasks.tasks().size());
        tasks.tasks().forEach(t -> assertThat(all.body()).contains(t.id()));
        assertThat(all.body()).contains("fewer than the 1000");
        // The same asked for in a Parameters body, the task as a code.
        HttpResponse<String> kickOff = builds.kickOff(
                null,
                "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"task\","
                        + "\"valueCode\":\"statin-ldl\"},{\"name\":\"_minHeldOutSubjects\",\"valueInteger\":1000}]}",
                true);
        assertThat(kickOff.statusCode()).as(kickOff.body()).isEqualTo(202);
        HttpResponse<String> one =
                builds.await(kickOff.headers().firstValue("Content-Location").orElseThrow());
        assertThat(one.statusCode()).isEqualTo(422);
        assertThat(one.body()).contains("statin-ldl").doesNotContain(BP);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tn_bench_dataset", Integer.class))
                .as("no version made")
                .isEqualTo(versions);
    }

    @Test
    void badInputIsAnsweredWithAnOperationOutcome() {
        assertOutcome(builds.kickOff(SMALL, null, false), 400, "respond-async");
        assertOutcome(builds.kickOff("task=no-such-task&task=" + BP, null, true), 400, "no-such-task");
        assertOutcome(builds.kickOff("_k=0", null, true), 400, "_k");
        assertOutcome(builds.kickOff("_k=many", null, true), 400, "_k");
        assertOutcome(builds.kickOff("_minHeldOutSubjects=-1", null, true), 400, "_minHeldOutSubjects");
        assertOutcome(builds.kickOff("_k=2&_k=3", null, true), 400, "_k");
        assertOutcome(builds.kickOff(null, "{\"resourceType\":\"Patient\"}", true), 400, "Parameters");
        assertOutcome(
                builds.kickOff(
                        null,
                        "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"k\",\"valueInteger\":3}]}",
                        true),
                400,
                "Unknown parameter 'k'");
        assertOutcome(
                builds.kickOff(
                        null,
                        "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"_k\",\"valueString\":\"x\"}]}",
                        true),
                400,
                "_k");
        assertOutcome(builds.get("/$dataset-build-status"), 400, "_jobId");
        assertOutcome(builds.get("/$dataset-build-status?_jobId=no-such-job"), 404, "no-such-job");
        assertOutcome(builds.get("/$datasets?dataset=ds-000000000000"), 404, "ds-000000000000");
        assertOutcome(builds.get("/$dataset-file?dataset=ds-000000000000&path=card.json"), 404, "ds-000000000000");
        String datasetId = first.path("datasetId").asText();
        assertOutcome(
                builds.get("/$dataset-file?dataset=" + datasetId + "&path=no/such/file.csv"), 404, "no/such/file.csv");
        assertOutcome(builds.get("/$dataset-file?dataset=" + datasetId), 400, "path");
        assertOutcome(builds.get("/$dataset-card?dataset=" + datasetId + "&_format=pdf"), 400, "_format");
        assertOutcome(builds.get("/$dataset-card?dataset=ds-000000000000"), 404, "ds-000000000000");
    }

    @Test
    void aCancelledBuildIsGone() {
        HttpResponse<String> kickOff = builds.kickOff("task=" + BP + "&" + SMALL, null, true);
        String statusUrl = kickOff.headers().firstValue("Content-Location").orElseThrow();
        HttpResponse<String> cancel = builds.delete(statusUrl);
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
        assertThat(cancel.body()).contains("cancelled");
        assertOutcome(builds.get(statusUrl), 404, "cancelled");
    }

    private void assertOutcome(HttpResponse<String> response, int status, String mentions) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains("OperationOutcome").contains(mentions);
    }

    /** subject id → split over every record of a version; a subject in two splits fails. */
    private Map<Long, String> splitsOf(String datasetId) {
        Map<Long, String> splits = new HashMap<>();
        jdbc.query(
                "SELECT subject_id, split, task_id FROM tn_bench_record WHERE dataset_id = ?",
                rs -> {
                    String previous = splits.put(rs.getLong(1), rs.getString(2));
                    assertThat(previous)
                            .as("split of subject %d in %s", rs.getLong(1), rs.getString(3))
                            .isIn(null, rs.getString(2));
                },
                datasetId);
        return splits;
    }

    private List<Map<String, Object>> rows(String datasetId) {
        List<Map<String, Object>> rows = new ArrayList<>(jdbc.queryForList(
                "SELECT task_id, record_id, subject_id, split, prediction_time, inputs FROM tn_bench_record WHERE dataset_id = ? "
                        + "ORDER BY task_id, record_id",
                datasetId));
        rows.addAll(jdbc.queryForList(
                "SELECT task_id, record_id, split, direction, change_value, follow_up_value, follow_up_day_offset, "
                        + "adverse_event FROM tn_bench_label WHERE dataset_id = ? ORDER BY task_id, record_id",
                datasetId));
        rows.addAll(jdbc.queryForList(
                "SELECT semver, status, content_hash, created_at, card, task_versions FROM tn_bench_dataset "
                        + "WHERE dataset_id = ?",
                datasetId));
        return rows;
    }

    private record FileSnapshot(String sha256, String bytesSha256, int size) {}

    /** Each file of a version as downloaded: its listed SHA-256 and that of the bytes served. */
    private Map<String, FileSnapshot> files(String datasetId) {
        Map<String, FileSnapshot> out = new LinkedHashMap<>();
        for (DatasetStore.StoredFile f : store.files(datasetId)) {
            HttpResponse<byte[]> file = builds.bytes("/$dataset-file?dataset=" + datasetId + "&path="
                    + java.net.URLEncoder.encode(f.path(), StandardCharsets.UTF_8));
            assertThat(file.statusCode()).isEqualTo(200);
            out.put(f.path(), new FileSnapshot(f.sha256(), DatasetVersioning.sha256(file.body()), file.body().length));
        }
        return out;
    }

    /** A BMI observation that changes the BMI input of one blood-pressure record of the first version. */
    private record Change(String patientId, String recordId, Observation bmi) {}

    private Change changeOneInput() {
        String v1 = first.path("datasetId").asText();
        Map<String, JsonNode> records = new HashMap<>();
        for (String inputs : jdbc.queryForList(
                "SELECT inputs FROM tn_bench_record WHERE dataset_id = ? AND task_id = ?", String.class, v1, BP)) {
            JsonNode r = DatasetBuildClient.json(inputs);
            records.put(r.path("recordId").asText(), r);
        }
        for (SyntheaPopulation.Member m : bySubjectId.values()) {
            for (Observation o : transitions.storedTransitions(m.serverId()).values()) {
                StoredTransition t = StoredTransition.read(o);
                JsonNode r = records.get(keys.recordId(BP, t.id()));
                if (r == null) {
                    continue;
                }
                JsonNode bmi = r.path("inputs").path("bmi");
                if (!bmi.isMissingNode() && bmi.path("dayOffset").asLong() > -1) {
                    continue;
                }
                Instant start = facts.read(m.serverId()).actions().stream()
                        .filter(a -> a.source().equals(t.anchor()))
                        .map(ActionFact::start)
                        .findFirst()
                        .orElseThrow();
                Observation added = new Observation();
                added.setStatus(Observation.ObservationStatus.FINAL);
                added.getCode().addCoding(new Coding("http://loinc.org", "39156-5", "Body mass index (BMI) [Ratio]"));
                added.setSubject(new Reference("Patient/" + m.serverId()));
                added.setEffective(new DateTimeType(Date.from(start.minus(Duration.ofHours(1)))));
                added.setValue(new Quantity()
                        .setValue(new BigDecimal("27.27"))
                        .setUnit("kg/m2")
                        .setSystem("http://unitsofmeasure.org")
                        .setCode("kg/m2"));
                return new Change(m.serverId(), r.path("recordId").asText(), added);
            }
        }
        throw new AssertionError("no blood-pressure record without a BMI of the day before its start");
    }
}
