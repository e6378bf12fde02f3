package org.transitionnet.server.derivation.transition.incremental;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.transitionnet.server.derivation.transition.DerivationLedger;
import org.transitionnet.server.derivation.transition.DirtyPatientQueue;

/**
 * The safety net behind the dirty marks: periodically marks every patient whose sources changed after
 * their last settled derivation, or who was never derived (e.g. changes from before marks were kept
 * until derived, or a mark lost to a fault no one foresaw), from the fact projection's patient rows
 * alone. One idempotent statement, so any number of nodes may run it at any time.
 */
public class DerivationReconciler {

    private static final Logger log = LoggerFactory.getLogger(DerivationReconciler.class);

    private final DirtyPatientQueue queue;

    public DerivationReconciler(DirtyPatientQueue queue) {
        this.queue = queue;
    }

    @Scheduled(
            fixedDelayString = "${transitionnet.transition.reconcile-interval-ms:300000}",
            initialDelayString = "${transitionnet.transition.reconcile-interval-ms:300000}")
    public void scheduled() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            log.warn("Reconciliation of derived transitions failed; will retry: {}", e.getMessage());
        }
    }

    /** Marks the patients whose derivation is behind their sources; returns how many it marked. */
    public int reconcile() {
        int marked = queue.markAll(DerivationLedger.BEHIND);
        if (marked > 0) {
            log.info("Reconciliation marked {} patients whose transitions were behind their sources", marked);
        }
        return marked;
    }
}
