package org.transitionnet.server.product.export.job;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.transitionnet.server.record.patient.DerivedResources;

/**
 * Remembers which patients lost derived transitions, and when, so that an incremental export
 * ({@code _since}) includes them: a removed transition leaves no current resource that
 * {@code _lastUpdated} could find. The row is written inside the deleting transaction, whichever
 * path deletes (re-derivation, a deleted source, a direct DELETE).
 */
public class TransitionRemovalLog {

    private final JdbcTemplate jdbc;

    public TransitionRemovalLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        if (resource instanceof Observation o
                && DerivedResources.isDerived(o)
                && o.getSubject().hasReference()) {
            jdbc.update(
                    "INSERT INTO tn_transition_removal (patient_id, removed_at) VALUES (?, ?)",
                    o.getSubject().getReferenceElement().getIdPart(),
                    Timestamp.from(Instant.now()));
        }
    }

    /** Those of the patients that lost a derived transition at or after the instant. */
    public Set<String> removedSince(List<String> patientIds, Instant since) {
        Set<String> removed = new HashSet<>();
        for (int from = 0; from < patientIds.size(); from += 500) {
            List<String> batch = patientIds.subList(from, Math.min(patientIds.size(), from + 500));
            List<Object> args = new ArrayList<>();
            args.add(Timestamp.from(since));
            args.addAll(batch);
            removed.addAll(jdbc.queryForList(
                    "SELECT DISTINCT patient_id FROM tn_transition_removal WHERE removed_at >= ? AND patient_id IN ("
                            + String.join(",", java.util.Collections.nCopies(batch.size(), "?")) + ")",
                    String.class,
                    args.toArray()));
        }
        return removed;
    }

    /** Forgets removals older than the instant (an incremental export never reaches back that far). */
    public int forgetBefore(Instant cutoff) {
        return jdbc.update("DELETE FROM tn_transition_removal WHERE removed_at < ?", Timestamp.from(cutoff));
    }
}
