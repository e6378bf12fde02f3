package org.transitionnet.server.transition;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;
import org.transitionnet.server.transition.incremental.PatientsAtCommit;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Patients touched in a transaction are written once each, in id order, just before it commits, and never on rollback. */
class PatientsAtCommitTest {

	private final List<String> written = new ArrayList<>();
	private final PatientsAtCommit marks = new PatientsAtCommit(p -> written.add("mark " + p), 200);
	private final PatientsAtCommit counts = new PatientsAtCommit(p -> written.add("count " + p), 100);

	@AfterEach
	void clear() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.clearSynchronization();
		}
	}

	@Test
	void eachPatientOnceInIdOrderAndTheLowerOrderFirst() {
		TransactionSynchronizationManager.initSynchronization();
		for (String p : List.of("b", "a", "b", "c", "a")) {
			marks.add(p);
			counts.add(p);
		}
		assertThat(written).isEmpty();

		TransactionSynchronizationUtils.triggerBeforeCommit(false);

		assertThat(written).containsExactly("count a", "count b", "count c", "mark a", "mark b", "mark c");
	}

	@Test
	void nothingIsWrittenWhenTheTransactionRollsBack() {
		TransactionSynchronizationManager.initSynchronization();
		marks.add("a");
		TransactionSynchronizationUtils.triggerAfterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK);
		assertThat(written).isEmpty();
	}

	@Test
	void withoutATransactionThePatientIsWrittenAtOnce() {
		marks.add("a");
		assertThat(written).containsExactly("mark a");
	}
}
