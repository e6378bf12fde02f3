package org.transitionnet.server.transition;

import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import jakarta.persistence.EntityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transitionnet.server.facts.FactRebuilder;
import org.transitionnet.server.facts.FactStore;

/**
 * Re-derives one patient's transitions from their clinical facts, in one database transaction, so
 * readers see either the old or the new set, never a mix.
 */
public class DerivationService {

	private static final Logger log = LoggerFactory.getLogger(DerivationService.class);

	private final PatientRecordLoader loader;
	private final FactStore facts;
	private final FactRebuilder rebuilder;
	private final NotDerivedStore notDerived;
	private final TransitionDeriver deriver;
	private final TransitionStore store;
	private final IHapiTransactionService transactions;
	private final PatientDerivationLock lock;
	private final EntityManager entityManager;

	public DerivationService(PatientRecordLoader loader, FactStore facts, FactRebuilder rebuilder, NotDerivedStore notDerived,
			TransitionDeriver deriver, TransitionStore store, IHapiTransactionService transactions, PatientDerivationLock lock,
			EntityManager entityManager) {
		this.loader = loader;
		this.facts = facts;
		this.rebuilder = rebuilder;
		this.notDerived = notDerived;
		this.deriver = deriver;
		this.store = store;
		this.transactions = transactions;
		this.lock = lock;
		this.entityManager = entityManager;
	}

	/** Outcome for one patient. */
	public record PatientOutcome(String patientId, int transitions, int notDerived, TransitionStore.Changes changes) {
	}

	/**
	 * Derives the patient from their facts (a few indexed queries), rebuilding the facts first from the
	 * resources the catalogue names when they were stored before the projection or built with another
	 * catalogue version; stores the transitions and the reasons for what was not derived.
	 */
	public PatientOutcome rederive(String patientId) {
		return transactions.withSystemRequest().execute(() -> {
			lock.lock(patientId);
			if (!loader.patientExists(patientId)) {
				// A deleted patient keeps no derived data.
				TransitionStore.Changes changes = store.replace(patientId, java.util.List.of());
				notDerived.replace(patientId, java.util.List.of());
				facts.deletePatient(patientId);
				return new PatientOutcome(patientId, 0, 0, changes);
			}
			if (!facts.isCurrent(patientId)) {
				rebuilder.rebuild(patientId);
				// Detach what the rebuild read, so later writes do not flush through it (quadratic otherwise).
				entityManager.clear();
			}
			DerivationResult result = deriver.derive(facts.read(patientId));
			TransitionStore.Changes changes = store.replace(patientId, result.transitions());
			notDerived.replace(patientId, result.notDerived());
			log.debug("Patient {}: {} transitions ({} written, {} unchanged, {} deleted), {} not derived", patientId,
					result.transitions().size(), changes.written(), changes.unchanged(), changes.deleted(), result.notDerived().size());
			return new PatientOutcome(patientId, result.transitions().size(), result.notDerived().size(), changes);
		});
	}

}
