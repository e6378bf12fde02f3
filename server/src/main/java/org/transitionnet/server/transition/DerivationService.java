package org.transitionnet.server.transition;

import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import jakarta.persistence.EntityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-derives one patient's transitions from their current source records, in one database
 * transaction, so readers see either the old or the new set, never a mix.
 */
public class DerivationService {

	private static final Logger log = LoggerFactory.getLogger(DerivationService.class);

	private final PatientRecordLoader loader;
	private final TransitionDeriver deriver;
	private final TransitionStore store;
	private final IHapiTransactionService transactions;
	private final PatientDerivationLock lock;
	private final EntityManager entityManager;

	public DerivationService(PatientRecordLoader loader, TransitionDeriver deriver, TransitionStore store,
			IHapiTransactionService transactions, PatientDerivationLock lock, EntityManager entityManager) {
		this.loader = loader;
		this.deriver = deriver;
		this.store = store;
		this.transactions = transactions;
		this.lock = lock;
		this.entityManager = entityManager;
	}

	/** Outcome for one patient. */
	public record PatientOutcome(String patientId, int transitions, int notDerived, TransitionStore.Changes changes) {
	}

	public PatientOutcome rederive(String patientId) {
		return transactions.withSystemRequest().execute(() -> {
			lock.lock(patientId);
			if (!loader.patientExists(patientId)) {
				// A deleted patient keeps no derived data.
				TransitionStore.Changes changes = store.replace(patientId, java.util.List.of());
				return new PatientOutcome(patientId, 0, 0, changes);
			}
			PatientRecord record = loader.load(patientId);
			// The record is plain FHIR objects now; detaching the entities read for it keeps every later
			// write from flushing through the whole history first (quadratic in the patient's size).
			entityManager.clear();
			DerivationResult result = deriver.derive(record);
			TransitionStore.Changes changes = store.replace(patientId, result.transitions());
			log.debug("Patient {}: {} transitions ({} written, {} unchanged, {} deleted), {} not derived", patientId,
					result.transitions().size(), changes.written(), changes.unchanged(), changes.deleted(), result.notDerived().size());
			return new PatientOutcome(patientId, result.transitions().size(), result.notDerived().size(), changes);
		});
	}

	/** Derivation without storing, for reading operations that report what could not be derived. */
	public DerivationResult preview(String patientId) {
		return transactions.withSystemRequest().readOnly().execute(() -> deriver.derive(loader.load(patientId)));
	}

}
