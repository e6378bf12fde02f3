package org.transitionnet.server.transition;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/**
 * The reasons a patient's last derivation gave for transitions it looked for and could not derive,
 * stored with the derivation (same transaction), so {@code $transitions} reports them without deriving.
 */
public class NotDerivedStore {

	private final JdbcTemplate jdbc;

	public NotDerivedStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void replace(String patientId, List<NotDerived> reasons) {
		jdbc.update("DELETE FROM tn_not_derived WHERE patient_id = ?", patientId);
		for (NotDerived n : reasons) {
			jdbc.update("INSERT INTO tn_not_derived (patient_id, episode_anchor, action_class, state_variable, reason) VALUES (?, ?, ?, ?, ?)",
					patientId, n.episodeAnchor(), n.actionClass(), n.stateVariable(), n.reason());
		}
	}

	public List<NotDerived> read(String patientId) {
		return jdbc.query("SELECT episode_anchor, action_class, state_variable, reason FROM tn_not_derived WHERE patient_id = ? "
						+ "ORDER BY id",
				(rs, i) -> new NotDerived(patientId, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), patientId);
	}
}
