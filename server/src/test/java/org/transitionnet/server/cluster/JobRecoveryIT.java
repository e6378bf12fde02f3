package org.transitionnet.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.transitionnet.server.ig.TransitionVocabulary;
import org.transitionnet.server.support.DerivationLocks;
import org.transitionnet.server.support.PackagedServer;
import org.transitionnet.server.support.ProcessTest;
import org.transitionnet.server.support.TestDatabase;

/**
 * Batch2 jobs survive a {@code kill -9} of the node running them, and nodes on one database share the
 * chunks of a job: packaged servers as processes on a database of this test's own, loaded with part of
 * the committed Synthea population, one patient per chunk and one worker per node so a job runs long
 * enough to be killed in the middle. The transitions after each recovery must equal those of a clean
 * derivation on one node: same ids, same content, nothing missing and nothing extra (transition ids are
 * stable per patient, episode and state variable, so a duplicate would be an extra id). The tests run in
 * order and share the server processes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ProcessTest
class JobRecoveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DERIVE_JOB = "transitionnet-derive-transitions";
    private static final int PATIENTS = 12;
    private static final Pattern RAN =
            Pattern.compile("Batch2 chunk (\\S+) of job (\\S+) \\(\\S+ step derive-patients\\) runs on node (\\S+)");

    private static TestDatabase db;
    private static JdbcTemplate jdbc;
    private static Path workDir;
    private static PackagedServer first;
    private static PackagedServer second;
    private static int patients;
    /** The transitions after the first recovered job, checked against a clean derivation in the first test. */
    private static Map<String, String> oracle;

    @BeforeAll
    static void nodeWithPopulation() throws Exception {
        db = TestDatabase.get().another();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(db.url(), db.username(), db.password()));
        workDir = Files.createTempDirectory("job-recovery");
        first = startNode("node-1");
        for (Path file : populationFiles().subList(0, PATIENTS)) {
            HttpResponse<String> stored = first.send("POST", "", read(file));
            assertThat(stored.statusCode()).as(file + ": " + stored.body()).isEqualTo(200);
        }
        patients = jdbc.queryForObject(
                "SELECT count(*) FROM hfj_resource WHERE res_type = 'Patient' AND res_deleted_at IS NULL",
                Integer.class);
        assertThat(patients).isEqualTo(PATIENTS);
    }

    @AfterAll
    static void stop() throws Exception {
        for (PackagedServer server : new PackagedServer[] {first, second}) {
            if (server != null && server.isAlive()) {
                server.close();
            }
        }
    }

    // The tests build on each other: one after the other on the process lane, never side by side.
    @Test
    @Order(1)
    @Execution(ExecutionMode.SAME_THREAD)
    void aJobOfAKilledNodeCompletesAfterTheRestartWithTheTransitionsOfACleanRun() throws Exception {
        DerivationLocks held = DerivationLocks.holdAll(db);
        String job = rederive(first);
        awaitMidJob(held, job, () -> true);
        first.killHard();
        held.close();
        assertThat(jobStatus(job)).isEqualTo("IN_PROGRESS");
        assertThat(unfinishedChunks(job)).as("chunks left when the node died").isPositive();

        first = startNode("node-1-restarted");
        JsonNode status = awaitCompleted(first, job, Duration.ofMinutes(3));
        assertThat(parameter(status, "patientsProcessed").asInt()).isEqualTo(patients);
        assertThat(parameter(status, "progress").asDouble()).isEqualTo(1.0);
        assertThat(first.log()).contains("taken over from dead node");
        Map<String, String> recovered = transitions(first);

        String clean = rederive(first);
        awaitCompleted(first, clean, Duration.ofMinutes(3));
        oracle = transitions(first);
        assertThat(oracle).as("transitions of the population").isNotEmpty();
        assertThat(recovered).isEqualTo(oracle);
    }

    @Test
    @Order(2)
    @Execution(ExecutionMode.SAME_THREAD)
    void twoNodesShareTheChunksOfAJobAndTheSurvivorFinishesTheJobOfAKilledNode() throws Exception {
        assertThat(oracle).as("the first test ran").isNotNull();
        second = startNode("node-2");
        DerivationLocks held = DerivationLocks.holdAll(db);
        String job = rederive(first);
        String firstNode = nodeId(first);
        awaitMidJob(
                held,
                job,
                () -> chunksRunBy(second, job).size() >= 1
                        && chunksRunBy(first, job).size() >= 2
                        && unfinishedHeldBy(firstNode) >= 1);
        Set<String> ranOnSecond = chunksRunBy(second, job);
        first.killHard();
        held.close();
        Set<String> ranOnFirst = chunksRunBy(first, job);
        assertThat(unfinishedChunks(job)).isPositive();

        awaitCompleted(second, job, Duration.ofMinutes(3));
        assertThat(second.log()).contains("taken over from dead node " + firstNode);
        Set<String> ranOnSecondInTheEnd = chunksRunBy(second, job);
        assertThat(ranOnSecondInTheEnd)
                .as("the survivor ran chunks the killed node held")
                .hasSizeGreaterThan(ranOnSecond.size());
        assertThat(ranOnFirst).as("chunks run on both nodes before the kill").isNotEmpty();
        assertThat(ranOnSecond).isNotEmpty();
        Set<String> all = new HashSet<>(ranOnFirst);
        all.addAll(ranOnSecondInTheEnd);
        assertThat(all).as("every chunk ran on one node or the other").hasSize(patients);
        assertThat(transitions(second)).isEqualTo(oracle);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (jdbc.queryForObject("SELECT count(*) FROM tn_chunk_claim", Integer.class) > 0
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tn_chunk_claim", Integer.class))
                .as("claims of finished chunks are forgotten")
                .isZero();
    }

    /** The node id a server logged when it joined the cluster. */
    private static String nodeId(PackagedServer server) throws IOException {
        Matcher m = Pattern.compile("Cluster node (\\S+) \\(host").matcher(server.log());
        assertThat(m.find()).as("node id in the log").isTrue();
        return m.group(1);
    }

    private static int unfinishedHeldBy(String node) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM tn_chunk_claim c JOIN bt2_work_chunk w ON w.id = c.chunk_id "
                        + "WHERE c.node_id = ? AND w.stat IN ('QUEUED', 'IN_PROGRESS', 'ERRORED')",
                Integer.class,
                node);
    }

    private static PackagedServer startNode(String name) throws Exception {
        Path dir = Files.createDirectories(workDir.resolve(name));
        return PackagedServer.start(
                dir,
                "--spring.profiles.active=faults",
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                // Other test runs share the PostgreSQL server: a small pool per node.
                "--spring.datasource.hikari.maximum-pool-size=8",
                "--transitionnet.security.enabled=false",
                "--transitionnet.ig.install=false",
                "--transitionnet.transition.incremental=false",
                "--transitionnet.transition.patients-per-chunk=1",
                "--transitionnet.jobs.workers=1",
                "--transitionnet.jobs.maintenance-interval-ms=1000",
                "--transitionnet.cluster.heartbeat-interval=1s",
                "--transitionnet.cluster.node-timeout=5s",
                "--transitionnet.cluster.recovery-interval=1s",
                "--transitionnet.cluster.share-after=1s");
    }

    private static String rederive(PackagedServer server) throws Exception {
        HttpResponse<String> kickOff = server.send("POST", "/$rederive", "{\"resourceType\":\"Parameters\"}");
        assertThat(kickOff.statusCode()).as(kickOff.body()).isEqualTo(202);
        String location = kickOff.headers().firstValue("Content-Location").orElseThrow();
        return location.substring(location.indexOf("jobId=") + "jobId=".length());
    }

    /**
     * Waits until some patients of the job are derived and many are not, and the condition holds. The job
     * would otherwise race the test (a pass that changes nothing takes milliseconds per patient), so every
     * patient's derivation lock (the advisory lock derivation takes per patient) is held by the test and
     * released one patient at a time until the job is where the test needs it; the rest are released when
     * the caller calls {@link DerivationLocks#close()}.
     */
    private static DerivationLocks awaitMidJob(
            DerivationLocks held, String job, java.util.function.BooleanSupplier also) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        Instant nextRelease = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            int done = jdbc.queryForObject(
                    "SELECT count(*) FROM bt2_work_chunk WHERE instance_id = ? AND tgt_step_id = 'derive-patients' "
                            + "AND stat = 'COMPLETED'",
                    Integer.class,
                    job);
            if (done >= 2 && also.getAsBoolean()) {
                assertThat(unfinishedChunks(job))
                        .as("the job is still in the middle")
                        .isGreaterThanOrEqualTo(patients / 4);
                return held;
            }
            assertThat(jobStatus(job)).as("job " + job).isNotEqualTo("COMPLETED");
            if (Instant.now().isAfter(nextRelease)) {
                held.releaseOne();
                nextRelease = Instant.now().plusMillis(700);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + job + " did not get going");
    }

    private static int unfinishedChunks(String job) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM bt2_work_chunk WHERE instance_id = ? AND stat <> 'COMPLETED'",
                Integer.class,
                job);
    }

    private static String jobStatus(String job) {
        return jdbc.queryForObject("SELECT stat FROM bt2_job_instance WHERE id = ?", String.class, job);
    }

    private static JsonNode awaitCompleted(PackagedServer server, String job, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode status = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = server.get("/$rederive-status?jobId=" + job);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            status = JSON.readTree(response.body());
            String state = parameter(status, "status").asText();
            assertThat(state).isNotIn("FAILED", "CANCELLED");
            if ("COMPLETED".equals(state)) {
                return status;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                "job " + job + " did not complete within " + timeout + "; last status " + status + "; chunks "
                        + jdbc.queryForList(
                                "SELECT stat, count(*) FROM bt2_work_chunk WHERE instance_id = ? GROUP BY stat", job));
    }

    private static JsonNode parameter(JsonNode parameters, String name) {
        for (JsonNode p : parameters.path("parameter")) {
            if (name.equals(p.path("name").asText())) {
                for (String value : List.of("valueString", "valueDecimal", "valueInteger", "valueDateTime")) {
                    if (p.has(value)) {
                        return p.get(value);
                    }
                }
            }
        }
        return JSON.missingNode();
    }

    /** Chunk ids of the job's derive step that the server's log says it ran. */
    private static Set<String> chunksRunBy(PackagedServer server, String job) {
        Set<String> chunks = new HashSet<>();
        try {
            Matcher m = RAN.matcher(server.log());
            while (m.find()) {
                if (m.group(2).equals(job)) {
                    chunks.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return chunks;
    }

    /** Every derived transition by id, as stored (without meta, which holds version and update time). */
    private static Map<String, String> transitions(PackagedServer server) throws Exception {
        Map<String, String> out = new TreeMap<>();
        String url = server.baseUrl() + "/Observation?category="
                + URLEncoder.encode(
                        TransitionVocabulary.CS_CATEGORY + "|" + TransitionVocabulary.CATEGORY_DERIVED,
                        StandardCharsets.UTF_8)
                + "&_count=200";
        while (url != null) {
            HttpResponse<String> page = server.send("GET", url, null);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode bundle = JSON.readTree(page.body());
            for (JsonNode entry : bundle.path("entry")) {
                ObjectNode resource = (ObjectNode) entry.path("resource");
                resource.remove("meta");
                String previous = out.put(resource.path("id").asText(), resource.toString());
                assertThat(previous)
                        .as("transition listed twice: " + resource.path("id"))
                        .isNull();
            }
            url = null;
            for (JsonNode link : bundle.path("link")) {
                if ("next".equals(link.path("relation").asText())) {
                    url = link.path("url").asText();
                }
            }
        }
        return out;
    }

    private static List<Path> populationFiles() throws Exception {
        try (Stream<Path> list = Files.list(
                Path.of(JobRecoveryIT.class.getResource("/fixtures/population").toURI()))) {
            return new ArrayList<>(list.filter(p -> p.getFileName().toString().endsWith(".json.gz"))
                    .sorted()
                    .toList());
        }
    }

    private static String read(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
