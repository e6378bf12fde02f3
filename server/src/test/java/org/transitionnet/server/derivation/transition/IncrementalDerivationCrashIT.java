package org.transitionnet.server.derivation.transition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transitionnet.server.support.DerivationLocks;
import org.transitionnet.server.support.PackagedServer;
import org.transitionnet.server.support.ProcessTest;
import org.transitionnet.server.support.TestDatabase;

/**
 * Fault test of incremental derivation: a node is killed ({@code kill -9}) while it loads a dozen Synthea
 * patients, and the restarted node is killed while it derives them; after another restart and a reload of
 * the same data (whose already stored part is a no-op that marks nothing), the transitions must settle to
 * exactly what a full {@code $rederive} of the same stored data yields (no transition missing, none extra,
 * none rewritten). Relies on nothing of Batch2
 * surviving the kill: the job running at the kill stays stuck, and its patients' marks must bring them back.
 */
@ProcessTest
class IncrementalDerivationCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PATIENTS = 12;

    @TempDir
    Path workDir;

    @Test
    void transitionsOfALoadInterruptedByAKillEqualACleanDerivationAfterRestartAndReload() throws Exception {
        TestDatabase db = TestDatabase.get().another();
        List<String> bundles = populationBundles();
        String[] common = {
            "--spring.datasource.url=" + db.url(),
            "--spring.datasource.username=" + db.username(),
            "--spring.datasource.password=" + db.password(),
            "--transitionnet.security.enabled=false",
            "--transitionnet.sample-data.enabled=false",
            "--transitionnet.jobs.maintenance-interval-ms=1000",
            "--transitionnet.transition.stalled-job-timeout-ms=15000",
            "--management.endpoint.health.show-details=always",
            "--spring.datasource.hikari.maximum-pool-size=8"
        };
        // One job of one chunk for everything marked, so a kill mid-derivation catches most patients undone.
        String[] deriving = concat(
                common,
                "--transitionnet.transition.flush-interval-ms=300",
                "--transitionnet.transition.patients-per-chunk=" + PATIENTS);
        Instant begin = Instant.now();

        // 1. Killed mid-load, before any derivation started: what was stored is marked.
        PackagedServer loading = PackagedServer.start(
                Files.createDirectories(workDir.resolve("loading")),
                concat(common, "--transitionnet.transition.flush-interval-ms=3600000"));
        int loaded = 0;
        try {
            for (String bundle : bundles.subList(0, PATIENTS * 2 / 3)) {
                HttpResponse<String> response = loading.send("POST", "", bundle);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                loaded++;
            }
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    loading.killHard();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            killer.start();
            try {
                // The next bundle is in flight when the node dies: its transaction rolls back.
                loading.send("POST", "", bundles.get(loaded));
            } catch (IOException killed) {
                // expected
            }
            killer.join();
        } finally {
            loading.close();
        }
        log(
                begin,
                "loading node killed after " + loaded + " of " + PATIENTS + " bundles, "
                        + count(db, "SELECT COUNT(*) FROM tn_dirty_patient") + " patients marked");

        // 2. Killed mid-derivation: a restarted node hands the marks to a job and dies while a worker derives them.
        // The patients' derivation locks are held by the test until the kill, so the job cannot finish first (it may
        // start before the node answers its first request).
        DerivationLocks held = DerivationLocks.holdAll(db);
        PackagedServer derivingNode =
                PackagedServer.start(Files.createDirectories(workDir.resolve("deriving")), deriving);
        try {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (chunksBeingDerived(db) == 0) {
                assertThat(Instant.now()).as("a chunk being derived").isBefore(deadline);
                Thread.sleep(10);
            }
            derivingNode.killHard();
        } finally {
            derivingNode.close();
            held.close();
        }
        log(
                begin,
                "deriving node killed with "
                        + count(
                                db,
                                "SELECT COUNT(*) FROM hfj_resource WHERE res_type = 'Observation' "
                                        + "AND fhir_id LIKE 'tn-%' AND res_deleted_at IS NULL")
                        + " transitions stored");

        // 3. Restarted once more; the whole population is loaded again, as an operator would after the crash.
        String[] arguments = deriving;
        try (PackagedServer second =
                PackagedServer.start(Files.createDirectories(workDir.resolve("restarted")), arguments)) {
            log(begin, "restarted node up");
            long versionsBefore = count(db, "SELECT COUNT(*) FROM hfj_res_ver");
            for (String bundle : bundles) {
                HttpResponse<String> response = second.send("POST", "", bundle);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
            log(
                    begin,
                    "reloaded, " + (count(db, "SELECT COUNT(*) FROM hfj_res_ver") - versionsBefore)
                            + " resource versions written");
            awaitSettled(db);
            log(begin, "settled");
            Map<String, Long> afterReload = transitionVersions(db);
            assertThat(afterReload).isNotEmpty();

            // The oracle: every patient derived afresh from the same stored data.
            rederiveAll(second);
            log(begin, "re-derived");
            Map<String, Long> clean = transitionVersions(db);
            assertThat(afterReload)
                    .as("transitions after kill, restart and reload vs. a full re-derivation")
                    .isEqualTo(clean);

            JsonNode health = JSON.readTree(
                    second.getAbsolute("/actuator/health/derivation").body());
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.path("details").path("patientsWaiting").asLong()).isZero();
            assertThat(health.path("details").path("patientsInProgress").asLong())
                    .isZero();
        }
    }

    /** Waits (up to 3 minutes) until no patient is marked for derivation, seen on 3 polls in a row a second apart. */
    private static void awaitSettled(TestDatabase db) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        int quiet = 0;
        while (quiet < 3) {
            assertThat(Instant.now()).as("derivation settled").isBefore(deadline);
            quiet = count(db, "SELECT COUNT(*) FROM tn_dirty_patient") == 0 ? quiet + 1 : 0;
            Thread.sleep(1000);
        }
    }

    private static void rederiveAll(PackagedServer server) throws Exception {
        HttpResponse<String> kickOff = server.send("POST", "/$rederive", "{\"resourceType\":\"Parameters\"}");
        assertThat(kickOff.statusCode()).as(kickOff.body()).isEqualTo(202);
        String statusUrl = kickOff.headers().firstValue("Content-Location").orElseThrow();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            assertThat(Instant.now()).as("$rederive completed").isBefore(deadline);
            JsonNode status = JSON.readTree(server.getAbsolute(statusUrl, "Accept", "application/fhir+json")
                    .body());
            String state = "";
            for (JsonNode p : status.path("parameter")) {
                if ("status".equals(p.path("name").asText())) {
                    state = p.path("valueString").asText();
                }
            }
            assertThat(state).isNotIn("FAILED", "CANCELLED");
            if ("COMPLETED".equals(state)) {
                return;
            }
            Thread.sleep(300);
        }
    }

    /**
     * Every current derived transition by id, with its version (a version that differs means the re-derivation
     * changed it), and every episode Provenance by id (a Provenance is rewritten, with a new recorded time, whenever
     * its episode is stored again, so only its presence is compared).
     */
    private static Map<String, Long> transitionVersions(TestDatabase db) throws SQLException {
        Map<String, Long> versions = new TreeMap<>();
        try (Connection c = connect(db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT res_type, fhir_id, res_ver FROM hfj_resource WHERE res_deleted_at IS NULL "
                                + "AND ((res_type = 'Observation' AND fhir_id LIKE 'tn-%') OR (res_type = 'Provenance' AND fhir_id LIKE 'tnp-%'))")) {
            while (rs.next()) {
                boolean provenance = "Provenance".equals(rs.getString(1));
                versions.put(rs.getString(1) + "/" + rs.getString(2), provenance ? 0L : rs.getLong(3));
            }
        }
        return versions;
    }

    /** Derivation chunks sent to a worker (its in-process queue) and not finished: what a kill loses in Batch2. */
    private static long chunksBeingDerived(TestDatabase db) throws SQLException {
        return count(
                db,
                "SELECT COUNT(*) FROM bt2_work_chunk WHERE definition_id = 'transitionnet-derive-transitions' "
                        + "AND tgt_step_id = 'derive-patients' AND stat IN ('QUEUED', 'IN_PROGRESS')");
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    private static void log(Instant begin, String what) {
        System.out.println("[IncrementalDerivationCrashIT] "
                + Duration.between(begin, Instant.now()).toSeconds() + " s: " + what);
    }

    private static long count(TestDatabase db, String sql) throws SQLException {
        try (Connection c = connect(db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            // Before the first start has created the tables.
            if ("42P01".equals(e.getSQLState())) {
                return 0;
            }
            throw e;
        }
    }

    private static Connection connect(TestDatabase db) throws SQLException {
        return DriverManager.getConnection(db.url(), db.username(), db.password());
    }

    /**
     * The first dozen members of the committed trimmed population, one transaction bundle each, made
     * idempotent as {@code tools/load.sh} does: every create becomes {@code PUT Type/<Synthea uuid>}, so
     * loading a bundle again is a no-op update that changes (and marks) nothing.
     */
    private static List<String> populationBundles() throws Exception {
        Path dir = Path.of(IncrementalDerivationCrashIT.class
                .getResource("/fixtures/population")
                .toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json.gz"))
                    .sorted()
                    .limit(PATIENTS)
                    .map(IncrementalDerivationCrashIT::read)
                    .map(IncrementalDerivationCrashIT::asUpdates)
                    .toList();
        }
    }

    private static String asUpdates(String json) {
        try {
            ObjectNode bundle = (ObjectNode) JSON.readTree(json);
            for (JsonNode entry : bundle.path("entry")) {
                String fullUrl = entry.path("fullUrl").asText();
                if (fullUrl.startsWith("urn:uuid:") && entry.get("resource") instanceof ObjectNode resource) {
                    String id = fullUrl.substring("urn:uuid:".length());
                    resource.put("id", id);
                    ObjectNode request = ((ObjectNode) entry).putObject("request");
                    request.put("method", "PUT");
                    request.put("url", resource.path("resourceType").asText() + "/" + id);
                }
            }
            return JSON.writeValueAsString(bundle);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
