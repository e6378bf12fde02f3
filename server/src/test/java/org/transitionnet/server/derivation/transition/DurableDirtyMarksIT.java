package org.transitionnet.server.derivation.transition;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.transitionnet.server.derivation.transition.incremental.DerivationHealthIndicator;
import org.transitionnet.server.derivation.transition.incremental.DerivationReconciler;
import org.transitionnet.server.derivation.transition.job.DeriveTransitionsJob;
import org.transitionnet.server.ig.TransitionVocabulary;
import org.transitionnet.server.support.ServerTestBase;
import org.transitionnet.server.support.SyntheaFixtures;

/**
 * Incremental derivation never forgets a change: a patient's dirty mark lasts until a derivation that
 * saw it has committed; marks of a job that ended or vanished are handed again; a patient re-marked
 * while being derived stays marked; a patient whose derivation fails is settled with the reason instead
 * of being retried for ever; reconciliation marks a patient whose derivation is behind its sources.
 */
class DurableDirtyMarksIT extends ServerTestBase {

    private static final String DERIVED =
            TransitionVocabulary.CS_CATEGORY + "|" + TransitionVocabulary.CATEGORY_DERIVED;

    @Autowired
    private DerivationReconciler reconciler;

    @Autowired
    private IJobCoordinator jobs;

    @Autowired
    private DerivationHealthIndicator health;

    @Test
    void aMarkIsHandedToAJobButDeletedOnlyWhenItsDerivationCommits() throws Exception {
        String patientId = newPatient();
        awaitSettled(patientId);
        try (Connection blocker = jdbc.getDataSource().getConnection()) {
            blocker.setAutoCommit(false);
            // Holding the patient's derivation lock keeps the job's derivation from committing.
            lockPatient(blocker, patientId);
            addGlucose(patientId);
            awaitTrue("mark handed to a job", () -> jobOfMark(patientId) != null);
            Thread.sleep(1500);
            assertThat(markCount(patientId))
                    .as("mark while its derivation cannot commit")
                    .isEqualTo(1);
            assertThat(derivedThrough(patientId)).isLessThan(sourceChanges(patientId));
            assertThat(Integer.parseInt(status().getParameter("patientsInProgress")
                            .getValue()
                            .primitiveValue()))
                    .isGreaterThanOrEqualTo(1);
            assertThat((Long) health.health().getDetails().get("patientsInProgress"))
                    .isGreaterThanOrEqualTo(1L);
            blocker.rollback();
        }
        awaitSettled(patientId);
        assertThat(derivedThrough(patientId)).isEqualTo(sourceChanges(patientId));
    }

    @Test
    void marksOfAJobThatVanishedOrEndedAreHandedAgain() {
        String vanished = newPatient();
        String ended = newPatient();
        awaitSettled(vanished);
        awaitSettled(ended);
        // A job that completed without deriving this patient, as when a mark outlives its job.
        String completedJob = DeriveTransitionsJob.startForPatients(jobs, List.of(newPatient()));
        awaitTrue(
                "other job completed",
                () -> jobs.getInstance(completedJob).getStatus().name().equals("COMPLETED"));
        for (String[] mark : new String[][] {{vanished, "no-such-job"}, {ended, completedJob}}) {
            jdbc.update("UPDATE tn_fact_patient SET derived_at = NULL WHERE patient_id = ?", mark[0]);
            jdbc.update(
                    "INSERT INTO tn_dirty_patient (patient_id, marked_at, mark_token, job_id, handed_at) VALUES (?, now(), 7, ?, now())",
                    mark[0],
                    mark[1]);
        }
        awaitSettled(vanished);
        awaitSettled(ended);
        assertThat(derivedAt(vanished)).as("derived after its job vanished").isNotNull();
        assertThat(derivedAt(ended)).as("derived after its job ended").isNotNull();
    }

    @Test
    void aPatientMarkedAgainDuringItsDerivationStaysMarkedAndIsDerivedAgain() throws Exception {
        String patientId = newPatient();
        awaitSettled(patientId);
        Instant settled = derivedAt(patientId);
        try (Connection writer = jdbc.getDataSource().getConnection()) {
            writer.setAutoCommit(false);
            // Hold the patient row: the derivation reads what it covers, derives, then waits to record it.
            try (PreparedStatement hold =
                    writer.prepareStatement("SELECT patient_id FROM tn_fact_patient WHERE patient_id = ? FOR UPDATE")) {
                hold.setString(1, patientId);
                hold.executeQuery().close();
            }
            jdbc.update(
                    "INSERT INTO tn_dirty_patient (patient_id, marked_at, mark_token) VALUES (?, now(), 111)",
                    patientId);
            awaitTrue(
                    "derivation waiting to record what it covered",
                    () -> jdbc.queryForObject(
                                    "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
                                            + "AND query LIKE 'UPDATE tn_fact_patient SET derived_through%'",
                                    Long.class)
                            > 0);
            // A source change commits meanwhile, as a writer's transaction does: new mark token, one more change.
            try (Statement s = writer.createStatement()) {
                s.executeUpdate("UPDATE tn_dirty_patient SET mark_token = 222 WHERE patient_id = '" + patientId + "'");
                s.executeUpdate("UPDATE tn_fact_patient SET source_changes = source_changes + 1 WHERE patient_id = '"
                        + patientId + "'");
            }
            writer.commit();
        }
        awaitTrue("first derivation committed", () -> !settled.equals(derivedAt(patientId)), Duration.ofMillis(10));
        assertThat(jdbc.queryForList(
                        "SELECT mark_token FROM tn_dirty_patient WHERE patient_id = ?", Long.class, patientId))
                .as("the newer mark survives the derivation that started before it")
                .containsExactly(222L);
        awaitSettled(patientId);
        assertThat(derivedThrough(patientId)).isEqualTo(sourceChanges(patientId));
    }

    @Test
    void aPatientWhoseDerivationFailsIsSettledWithTheReasonAndRetriedWhenItChanges() {
        String patientId = newPatient();
        awaitSettled(patientId);
        // A stored fact derivation cannot read: every attempt on this data fails.
        jdbc.update(
                "INSERT INTO tn_fact_measurement (patient_id, source_type, source_id, source_version, variable, effective_ms, value_text) "
                        + "VALUES (?, 'Observation', 'poison', 1, 'glucose', 0, 'not-a-number')",
                patientId);
        jdbc.update("INSERT INTO tn_dirty_patient (patient_id, marked_at, mark_token) VALUES (?, now(), 5)", patientId);
        awaitSettled(patientId);
        assertThat(failure(patientId)).startsWith("NumberFormatException");
        assertThat(status().getParameter("patientsFailed").getValue().primitiveValue())
                .isNotEqualTo("0");
        assertThat(http.get("/Patient/" + patientId + "/$transitions").body()).contains(NotDerivedStore.FAILED_PREFIX);
        assertThat(health.health().getDetails().get("patientsFailed")).isNotEqualTo(0L);

        // Not retried for the same data: reconciliation leaves it alone.
        reconciler.reconcile();
        assertThat(markCount(patientId)).isZero();

        // Retried once its data changes.
        jdbc.update("DELETE FROM tn_fact_measurement WHERE patient_id = ? AND source_id = 'poison'", patientId);
        addGlucose(patientId);
        awaitTrue("derived again", () -> failure(patientId) == null && markCount(patientId) == 0);
        assertThat(derivedThrough(patientId)).isEqualTo(sourceChanges(patientId));
    }

    @Test
    void reconciliationMarksAPatientWhoseDerivationIsBehindAndThePatientIsDerived() {
        String patientId = SyntheaFixtures.load(http, client).get(SyntheaFixtures.METFORMIN_PATIENT);
        awaitSettled(patientId);
        List<String> transitions = transitionIds(patientId);
        assertThat(transitions).isNotEmpty();
        // Derivation state lost: no transitions, nothing recorded as derived, no mark (a reload would mark nothing).
        for (String id : transitions) {
            client.delete().resourceById("Observation", id).execute();
        }
        assertThat(transitionIds(patientId)).isEmpty();
        jdbc.update(
                "UPDATE tn_fact_patient SET derived_through = NULL, derived_at = NULL WHERE patient_id = ?", patientId);
        assertThat(markCount(patientId)).isZero();

        assertThat(reconciler.reconcile()).isGreaterThanOrEqualTo(1);
        awaitSettled(patientId);
        assertThat(transitionIds(patientId)).containsExactlyInAnyOrderElementsOf(transitions);
        assertThat(derivedThrough(patientId)).isEqualTo(sourceChanges(patientId));
    }

    @Test
    void waitingPatientsAreReportedByRederiveStatusAndTheHealthEndpoint() throws Exception {
        String patientId = "waiting-" + newPatient();
        jdbc.update("INSERT INTO tn_dirty_patient (patient_id, marked_at, mark_token) VALUES (?, now(), 9)", patientId);
        try (Connection holder = jdbc.getDataSource().getConnection()) {
            holder.setAutoCommit(false);
            // A mark being written is skipped by the hand-out: it stays waiting while held.
            try (PreparedStatement hold = holder.prepareStatement(
                    "SELECT patient_id FROM tn_dirty_patient WHERE patient_id = ? FOR UPDATE")) {
                hold.setString(1, patientId);
                hold.executeQuery().close();
            }
            Thread.sleep(1000);
            Parameters status = status();
            assertThat(Integer.parseInt(
                            status.getParameter("patientsWaiting").getValue().primitiveValue()))
                    .isGreaterThanOrEqualTo(1);
            assertThat(status.getParameter("patientsInProgress")).isNotNull();
            assertThat(status.getParameter("patientsFailed")).isNotNull();
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat((Long) health.health().getDetails().get("patientsWaiting"))
                    .isGreaterThanOrEqualTo(1L);
            // Over HTTP (/actuator/health/derivation, where components are shown): IncrementalDerivationCrashIT.
            holder.rollback();
        }
        // A mark of a patient who does not exist is settled by a derivation that finds nothing to derive.
        awaitTrue("mark of an unknown patient settled", () -> markCount(patientId) == 0);
    }

    // --- helpers

    private Parameters status() {
        return fhirContext
                .newJsonParser()
                .parseResource(Parameters.class, http.get("/$rederive-status").body());
    }

    private String newPatient() {
        Patient patient = new Patient();
        patient.addName().setFamily("Durable").addGiven("Mark");
        String id = client.create().resource(patient).execute().getId().getIdPart();
        addGlucose(id);
        return id;
    }

    private void addGlucose(String patientId) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.getCode().addCoding().setSystem("http://loinc.org").setCode("2345-7");
        o.setSubject(new Reference("Patient/" + patientId));
        o.setEffective(new org.hl7.fhir.r4.model.DateTimeType("2020-01-0" + (1 + (int) (Math.random() * 8))));
        o.setValue(new org.hl7.fhir.r4.model.Quantity()
                .setValue(100)
                .setUnit("mg/dL")
                .setSystem("http://unitsofmeasure.org")
                .setCode("mg/dL"));
        client.create().resource(o).execute();
    }

    private void lockPatient(Connection connection, String patientId) throws Exception {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
            lock.setInt(1, 0x746e);
            lock.setString(2, patientId);
            lock.executeQuery().close();
        }
    }

    /** Waits until the patient has no mark and its last derivation covered every change of its sources. */
    private void awaitSettled(String patientId) {
        awaitTrue(
                "patient " + patientId + " settled",
                () -> markCount(patientId) == 0
                        && derivedAt(patientId) != null
                        && derivedThrough(patientId) == sourceChanges(patientId));
    }

    private long markCount(String patientId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM tn_dirty_patient WHERE patient_id = ?", Long.class, patientId);
    }

    private String jobOfMark(String patientId) {
        List<String> jobs =
                jdbc.queryForList("SELECT job_id FROM tn_dirty_patient WHERE patient_id = ?", String.class, patientId);
        return jobs.isEmpty() ? null : jobs.get(0);
    }

    private long sourceChanges(String patientId) {
        return jdbc.queryForObject(
                "SELECT source_changes FROM tn_fact_patient WHERE patient_id = ?", Long.class, patientId);
    }

    private long derivedThrough(String patientId) {
        Long through = jdbc.queryForObject(
                "SELECT derived_through FROM tn_fact_patient WHERE patient_id = ?", Long.class, patientId);
        return through == null ? -1 : through;
    }

    private Instant derivedAt(String patientId) {
        List<java.sql.Timestamp> at = jdbc.queryForList(
                "SELECT derived_at FROM tn_fact_patient WHERE patient_id = ?", java.sql.Timestamp.class, patientId);
        return at.isEmpty() || at.get(0) == null ? null : at.get(0).toInstant();
    }

    private String failure(String patientId) {
        return jdbc.queryForObject(
                "SELECT derivation_failure FROM tn_fact_patient WHERE patient_id = ?", String.class, patientId);
    }

    private List<String> transitionIds(String patientId) {
        Bundle bundle = client.search()
                .byUrl("Observation?subject=Patient/" + patientId + "&category=" + DERIVED + "&_count=500")
                .returnBundle(Bundle.class)
                .execute();
        return bundle.getEntry().stream()
                .map(e -> e.getResource().getIdElement().getIdPart())
                .toList();
    }

    private static void awaitTrue(String what, Supplier<Boolean> condition) {
        awaitTrue(what, condition, Duration.ofMillis(100));
    }

    private static void awaitTrue(String what, Supplier<Boolean> condition, Duration poll) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (Boolean.TRUE.equals(condition.get())) {
                return;
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out waiting for: " + what);
    }
}
