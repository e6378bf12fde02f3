package org.transitionnet.server.transition.incremental;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import org.transitionnet.server.transition.job.DeriveTransitionsJob;

import java.util.List;

/**
 * Periodically hands marked patients to a Batch2 derivation job. Taking the marks and starting the job
 * share one transaction: if the job cannot be started, the marks stay for the next round.
 */
public class DirtyPatientFlusher {

	private static final Logger log = LoggerFactory.getLogger(DirtyPatientFlusher.class);
	private static final int PATIENTS_PER_JOB = 1000;

	private final DirtyPatientQueue queue;
	private final IJobCoordinator jobs;
	private final IJobMaintenanceService maintenance;
	private final TransactionTemplate transaction;

	public DirtyPatientFlusher(DirtyPatientQueue queue, IJobCoordinator jobs, IJobMaintenanceService maintenance,
			TransactionTemplate transaction) {
		this.queue = queue;
		this.jobs = jobs;
		this.maintenance = maintenance;
		this.transaction = transaction;
	}

	@Scheduled(fixedDelayString = "${transitionnet.transition.flush-interval-ms:2000}",
			initialDelayString = "${transitionnet.transition.flush-interval-ms:2000}")
	public void flush() {
		try {
			String jobId;
			boolean started = false;
			do {
				jobId = transaction.execute(status -> {
					List<String> patients = queue.take(PATIENTS_PER_JOB);
					return patients.isEmpty() ? null : DeriveTransitionsJob.startForPatients(jobs, patients);
				});
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
