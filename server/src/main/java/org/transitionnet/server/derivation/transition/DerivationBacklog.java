package org.transitionnet.server.derivation.transition;

/**
 * How much derivation work is outstanding, for {@code $rederive-status} and the health endpoint: patients
 * marked and waiting for a job, marked and handed to a job, and whose last derivation failed.
 */
public class DerivationBacklog {

    private final DirtyPatientQueue queue;
    private final DerivationLedger ledger;

    public DerivationBacklog(DirtyPatientQueue queue, DerivationLedger ledger) {
        this.queue = queue;
        this.ledger = ledger;
    }

    public record Counts(long waiting, long inProgress, long failed) {}

    public Counts counts() {
        return new Counts(queue.waiting(), queue.inProgress(), ledger.failedCount());
    }
}
