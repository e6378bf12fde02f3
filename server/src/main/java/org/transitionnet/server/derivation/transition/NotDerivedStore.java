package org.transitionnet.server.derivation.transition;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reasons a patient's last derivation gave for transitions it looked for and could not derive,
 * stored with the derivation (same transaction), so {@code $transitions} reports them without deriving.
 */
public class NotDerivedStore {

    /** How the reason of a derivation that failed as a whole begins. */
    public static final String FAILED_PREFIX = "derivation of the patient failed: ";

    private final JdbcTemplate jdbc;

    public NotDerivedStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void replace(String patientId, List<NotDerived> reasons) {
        jdbc.update("DELETE FROM tn_not_derived WHERE patient_id = ?", patientId);
        for (NotDerived n : reasons) {
            jdbc.update(
                    "INSERT INTO tn_not_derived (patient_id, episode_anchor, action_class, state_variable, reason) VALUES (?, ?, ?, ?, ?)",
                    patientId,
                    n.episodeAnchor(),
                    n.actionClass(),
                    n.stateVariable(),
                    n.reason());
        }
    }

    /**
     * Adds the reason the patient's last derivation as a whole failed (its transaction rolled back, so the
     * transitions and reasons of the derivation before stay); the next derivation that commits replaces it.
     */
    public void recordFailure(String patientId, String reason) {
        jdbc.update(
                "DELETE FROM tn_not_derived WHERE patient_id = ? AND episode_anchor IS NULL AND action_class IS NULL "
                        + "AND state_variable IS NULL AND reason LIKE ?",
                patientId,
                FAILED_PREFIX + "%");
        jdbc.update("INSERT INTO tn_not_derived (patient_id, reason) VALUES (?, ?)", patientId, FAILED_PREFIX + reason);
    }

    public List<NotDerived> read(String patientId) {
        return jdbc.query(
                "SELECT episode_anchor, action_class, state_variable, reason FROM tn_not_derived WHERE patient_id = ? "
                        + "ORDER BY id",
                (rs, i) ->
                        new NotDerived(patientId, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                patientId);
    }
}
