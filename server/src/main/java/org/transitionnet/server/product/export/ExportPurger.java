package org.transitionnet.server.product.export;

import ca.uhn.fhir.batch2.api.IJobPersistence;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.batch2.model.StatusEnum;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import org.transitionnet.server.product.export.job.ExportStorage;
import org.transitionnet.server.product.export.job.ResearchExportJob;
import org.transitionnet.server.product.export.job.TransitionRemovalLog;

/**
 * Removes finished research exports once their retention has passed: the output files, any staging
 * left behind, and the Batch2 job instance (its status URL then answers 404). Also removes export
 * data whose job instance no longer exists, and forgets transition removals older than their
 * retention. Every node may run it; each deletion is idempotent.
 */
public class ExportPurger {

    private static final Logger log = LoggerFactory.getLogger(ExportPurger.class);
    private static final int BATCH = 50;

    private final IJobPersistence jobs;
    private final ExportStorage storage;
    private final TransactionTemplate transaction;
    private final Duration retention;
    private final TransitionRemovalLog removals;
    private final Duration removalRetention;
    private final Clock clock;

    public ExportPurger(
            IJobPersistence jobs,
            ExportStorage storage,
            TransactionTemplate transaction,
            Duration retention,
            TransitionRemovalLog removals,
            Duration removalRetention,
            Clock clock) {
        this.jobs = jobs;
        this.storage = storage;
        this.transaction = transaction;
        this.retention = retention;
        this.removals = removals;
        this.removalRetention = removalRetention;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${transitionnet.export.purge-interval:PT10M}",
            initialDelayString = "${transitionnet.export.purge-interval:PT10M}")
    public void purgeExpired() {
        try {
            int purged = purgeEndedBefore(clock.instant().minus(retention));
            removals.forgetBefore(clock.instant().minus(removalRetention));
            if (purged > 0) {
                log.info("Purged {} research export(s) older than {}", purged, retention);
            }
        } catch (RuntimeException e) {
            log.warn("Could not purge expired research exports; will retry: {}", e.getMessage());
        }
    }

    /** Purges every research export that ended before the cutoff, and orphaned export data; returns how many exports. */
    public int purgeEndedBefore(Instant cutoff) {
        int purged = 0;
        List<JobInstance> ended;
        do {
            ended = jobs.fetchInstances(
                    ResearchExportJob.JOB_ID,
                    StatusEnum.getEndedStatuses(),
                    Date.from(cutoff),
                    PageRequest.of(0, BATCH));
            for (JobInstance instance : ended) {
                String id = instance.getInstanceId();
                transaction.executeWithoutResult(status -> {
                    storage.delete(id);
                    jobs.deleteInstanceAndChunks(id);
                });
                purged++;
            }
        } while (ended.size() == BATCH);
        for (String id : storage.exportIds()) {
            if (jobs.fetchInstance(id).isEmpty()) {
                storage.delete(id);
                purged++;
            }
        }
        return purged;
    }
}
