package org.transitionnet.server.derivation.transition.incremental;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import org.transitionnet.server.derivation.transition.DirtyPatientQueue;
import org.transitionnet.server.derivation.transition.job.DeriveTransitionsJob;

/**
 * Periodically hands marked patients to a Batch2 derivation job, and hands again the marks of jobs that
 * ended, vanished or stalled without settling them ({@link HandedJobWatch}). Handing records the job on
 * the marks in the transaction that starts it; only the derivation deletes a mark. So a node that dies
 * with a job unfinished loses nothing: its marks are still there, and any node hands them out again.
 */
public class DirtyPatientFlusher {

    private static final Logger log = LoggerFactory.getLogger(DirtyPatientFlusher.class);
    private static final int PATIENTS_PER_JOB = 1000;

    private final DirtyPatientQueue queue;
    private final HandedJobWatch watch;
    private final IJobCoordinator jobs;
    private final IJobMaintenanceService maintenance;
    private final TransactionTemplate transaction;

    public DirtyPatientFlusher(
            DirtyPatientQueue queue,
            HandedJobWatch watch,
            IJobCoordinator jobs,
            IJobMaintenanceService maintenance,
            TransactionTemplate transaction) {
        this.queue = queue;
        this.watch = watch;
        this.jobs = jobs;
        this.maintenance = maintenance;
        this.transaction = transaction;
    }

    @Scheduled(
            fixedDelayString = "${transitionnet.transition.flush-interval-ms:2000}",
            initialDelayString = "${transitionnet.transition.flush-interval-ms:2000}")
    public void flush() {
        try {
            watch.releaseUnsettled();
            String jobId;
            boolean started = false;
            do {
                jobId = transaction.execute(status -> queue.handOut(
                        PATIENTS_PER_JOB, patients -> DeriveTransitionsJob.startForPatients(jobs, patients)));
                if (jobId != null) {
                    started = true;
                    log.debug("Started derivation job {}", jobId);
                }
            } while (jobId != null);
            if (started) {
                // Hand the new chunks to workers now rather than at the next scheduled pass.
                maintenance.triggerMaintenancePass();
            }
        } catch (RuntimeException e) {
            log.warn("Could not hand changed patients to a derivation job; will retry: {}", e.getMessage());
        }
    }
}
