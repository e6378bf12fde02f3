package org.transitionnet.server.derivation.transition;

import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import jakarta.persistence.EntityManager;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.transitionnet.server.record.facts.FactRebuilder;
import org.transitionnet.server.record.facts.FactStore;
import org.transitionnet.server.record.patient.PatientRecordLoader;

/**
 * Re-derives one patient's transitions from their clinical facts, in one database transaction, so
 * readers see either the old or the new set, never a mix. The same transaction settles the patient:
 * it records which source changes the derivation covered and deletes the patient's dirty mark if it is
 * still the mark the derivation saw, so a mark disappears only with a committed derivation. A derivation
 * that fails (after retries of transient database conflicts) is settled with its reason in a transaction
 * of its own, so a patient whose data cannot be derived is not tried again until it changes.
 */
public class DerivationService {

    private static final Logger log = LoggerFactory.getLogger(DerivationService.class);
    private static final int ATTEMPTS = 3;

    private final PatientRecordLoader loader;
    private final FactStore facts;
    private final FactRebuilder rebuilder;
    private final NotDerivedStore notDerived;
    private final TransitionDeriver deriver;
    private final TransitionStore store;
    private final IHapiTransactionService transactions;
    private final PatientDerivationLock lock;
    private final EntityManager entityManager;
    private final DerivationLedger ledger;
    private final DirtyPatientQueue marks;

    public DerivationService(
            PatientRecordLoader loader,
            FactStore facts,
            FactRebuilder rebuilder,
            NotDerivedStore notDerived,
            TransitionDeriver deriver,
            TransitionStore store,
            IHapiTransactionService transactions,
            PatientDerivationLock lock,
            EntityManager entityManager,
            DerivationLedger ledger,
            DirtyPatientQueue marks) {
        this.loader = loader;
        this.facts = facts;
        this.rebuilder = rebuilder;
        this.notDerived = notDerived;
        this.deriver = deriver;
        this.store = store;
        this.transactions = transactions;
        this.lock = lock;
        this.entityManager = entityManager;
        this.ledger = ledger;
        this.marks = marks;
    }

    /** Outcome for one patient. */
    public record PatientOutcome(String patientId, int transitions, int notDerived, TransitionStore.Changes changes) {}

    /** What a derivation saw when it started: the source change count it covers and the token of the patient's mark. */
    private record Seen(long sourceChanges, Long markToken) {}

    /**
     * Derives the patient from their facts (a few indexed queries), rebuilding the facts first from the
     * resources the catalogue names when they were stored before the projection or built with another
     * catalogue version; stores the transitions and the reasons for what was not derived. Throws when the
     * derivation failed, after recording the failure.
     */
    public PatientOutcome rederive(String patientId) {
        Seen[] seen = new Seen[1];
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.withSystemRequest().execute(() -> derive(patientId, seen));
            } catch (RuntimeException e) {
                if (attempt < ATTEMPTS && isTransient(e)) {
                    log.debug(
                            "Derivation of patient {} met a transient conflict, retrying: {}", patientId, e.toString());
                    continue;
                }
                recordFailure(patientId, seen[0], e);
                throw e;
            }
        }
    }

    private PatientOutcome derive(String patientId, Seen[] seen) {
        lock.lock(patientId);
        Seen now = new Seen(ledger.sourceChanges(patientId), marks.token(patientId));
        seen[0] = now;
        PatientOutcome outcome;
        if (!loader.patientExists(patientId)) {
            // A deleted patient keeps no derived data.
            TransitionStore.Changes changes = store.replace(patientId, List.of());
            notDerived.replace(patientId, List.of());
            facts.deletePatient(patientId);
            outcome = new PatientOutcome(patientId, 0, 0, changes);
        } else {
            if (!facts.isCurrent(patientId)) {
                rebuilder.rebuild(patientId);
                // Detach what the rebuild read, so later writes do not flush through it (quadratic otherwise).
                entityManager.clear();
            }
            DerivationResult result = deriver.derive(facts.read(patientId));
            TransitionStore.Changes changes = store.replace(patientId, result.transitions());
            notDerived.replace(patientId, result.notDerived());
            log.debug(
                    "Patient {}: {} transitions ({} written, {} unchanged, {} deleted), {} not derived",
                    patientId,
                    result.transitions().size(),
                    changes.written(),
                    changes.unchanged(),
                    changes.deleted(),
                    result.notDerived().size());
            outcome = new PatientOutcome(
                    patientId, result.transitions().size(), result.notDerived().size(), changes);
        }
        // Patient row before mark: the order writers lock them in (FactStore, DirtyPatientQueue).
        ledger.derived(patientId, now.sourceChanges());
        marks.clear(patientId, now.markToken());
        return outcome;
    }

    /**
     * Settles a failed derivation with its reason. When it failed before reading what it covers (the
     * database unreachable, say), nothing is recorded: the mark stays and is handed out again.
     */
    private void recordFailure(String patientId, Seen seen, RuntimeException failure) {
        log.warn("Derivation of patient {} failed", patientId, failure);
        if (seen == null) {
            return;
        }
        String reason = rootCause(failure).getClass().getSimpleName() + " (details in the server log)";
        try {
            transactions.withSystemRequest().execute(() -> {
                lock.lock(patientId);
                ledger.failed(patientId, seen.sourceChanges(), reason);
                notDerived.recordFailure(patientId, reason);
                marks.clear(patientId, seen.markToken());
            });
        } catch (RuntimeException e) {
            log.warn(
                    "Could not record the failed derivation of patient {}; its mark stays: {}",
                    patientId,
                    e.toString());
        }
    }

    /** The innermost cause: what failed, not the layers that wrapped it on the way up. */
    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** Deadlocks, serialization failures and lock timeouts: the same derivation may well succeed at once. */
    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TransientDataAccessException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("40") || "55P03".equals(sql.getSQLState()))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
