package org.transitionnet.server.derivation.transition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;
import org.transitionnet.server.record.patient.PatientsAtCommit;

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
        TransactionSynchronizationManager.unbindResourceIfPossible(marks);
        TransactionSynchronizationManager.unbindResourceIfPossible(counts);
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
    void theNextTransactionStartsEmpty() {
        TransactionSynchronizationManager.initSynchronization();
        marks.add("a");
        TransactionSynchronizationUtils.triggerBeforeCommit(false);
        TransactionSynchronizationUtils.triggerAfterCompletion(TransactionSynchronization.STATUS_COMMITTED);
        TransactionSynchronizationManager.clearSynchronization();

        TransactionSynchronizationManager.initSynchronization();
        marks.add("b");
        TransactionSynchronizationUtils.triggerBeforeCommit(false);

        assertThat(written).containsExactly("mark a", "mark b");
    }

    @Test
    void aSuspendedOuterTransactionKeepsItsOwnPatients() {
        TransactionSynchronizationManager.initSynchronization();
        marks.add("outer");
        // What the transaction manager does for an inner REQUIRES_NEW transaction: suspend, run, resume.
        List<TransactionSynchronization> suspended = TransactionSynchronizationManager.getSynchronizations();
        suspended.forEach(TransactionSynchronization::suspend);
        TransactionSynchronizationManager.clearSynchronization();
        TransactionSynchronizationManager.initSynchronization();
        marks.add("inner");
        TransactionSynchronizationUtils.triggerBeforeCommit(false);
        TransactionSynchronizationUtils.triggerAfterCompletion(TransactionSynchronization.STATUS_COMMITTED);
        TransactionSynchronizationManager.clearSynchronization();
        TransactionSynchronizationManager.initSynchronization();
        suspended.forEach(s -> {
            s.resume();
            TransactionSynchronizationManager.registerSynchronization(s);
        });
        marks.add("outer-2");
        TransactionSynchronizationUtils.triggerBeforeCommit(false);

        assertThat(written).containsExactly("mark inner", "mark outer", "mark outer-2");
    }

    @Test
    void manyOtherSynchronizationsDoNotSlowAnAdd() {
        TransactionSynchronizationManager.initSynchronization();
        for (int i = 0; i < 20_000; i++) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {});
            marks.add("p" + (i % 3));
        }
        TransactionSynchronizationUtils.triggerBeforeCommit(false);
        assertThat(written).containsExactly("mark p0", "mark p1", "mark p2");
    }

    @Test
    void withoutATransactionThePatientIsWrittenAtOnce() {
        marks.add("a");
        assertThat(written).containsExactly("mark a");
    }
}
