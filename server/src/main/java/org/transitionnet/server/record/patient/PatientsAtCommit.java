package org.transitionnet.server.record.patient;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Patients touched by the current transaction, written once each just before it commits, in patient-id
 * order. A bundle of a thousand resources of one patient then writes one row instead of a thousand, and
 * every writer takes its row locks in the same order (and late, just before the commit), so concurrent
 * writers of overlapping patients queue instead of deadlocking. The write is still inside the transaction:
 * it commits or rolls back with the change. Outside a transaction the write happens at once.
 */
public final class PatientsAtCommit {

    private final Consumer<String> writer;
    private final int order;

    /**
     * @param writer writes one patient's row (joins the transaction)
     * @param order  when several of these run before one commit, lower first: their tables are locked in this order
     */
    public PatientsAtCommit(Consumer<String> writer, int order) {
        this.writer = writer;
        this.order = order;
    }

    public void add(String patientId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            writer.accept(patientId);
            return;
        }
        pending().patients.add(patientId);
    }

    /**
     * This collector's set for the current transaction, found in constant time: it is bound as a transaction
     * resource keyed by the collector (scanning the registered synchronizations instead copies and sorts all
     * of them, and HAPI registers several per resource of a bundle, which made large bundles quadratic).
     * A suspended outer transaction keeps its own set: suspension unbinds it, resumption binds it again.
     */
    private Pending pending() {
        Pending p = (Pending) TransactionSynchronizationManager.getResource(this);
        if (p == null) {
            p = new Pending();
            TransactionSynchronizationManager.registerSynchronization(p);
            TransactionSynchronizationManager.bindResource(this, p);
        }
        return p;
    }

    private final class Pending implements TransactionSynchronization {
        private final Set<String> patients = new TreeSet<>();

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResourceIfPossible(PatientsAtCommit.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(PatientsAtCommit.this, this);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            patients.forEach(writer);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(PatientsAtCommit.this);
        }

        @Override
        public int getOrder() {
            return order;
        }
    }
}
