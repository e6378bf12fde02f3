package org.transitionnet.server.derivation.transition.incremental;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.model.JobInstance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transitionnet.server.async.AsyncJobs;
import org.transitionnet.server.derivation.transition.DirtyPatientQueue;

/**
 * Decides when marks handed to a derivation job must be handed again: the job ended (completed, failed,
 * cancelled) while marks it held are still there (a patient re-marked during its derivation, a derivation
 * that could not even record its failure), the job is gone, or it has made no progress (status, patients
 * processed, progress) for the stall timeout, as a job whose node died stays. A stalled job is cancelled
 * before its marks are released. Progress is watched from each node's own observations, so the decision
 * needs no clock agreement between nodes, and releasing is one conditional update: nodes watching the
 * same job release its marks once.
 */
public class HandedJobWatch {

    private static final Logger log = LoggerFactory.getLogger(HandedJobWatch.class);

    private final DirtyPatientQueue queue;
    private final IJobCoordinator jobs;
    private final Duration stallTimeout;
    private final Clock clock;
    private final Map<String, Observed> observed = new HashMap<>();

    public HandedJobWatch(DirtyPatientQueue queue, IJobCoordinator jobs, Duration stallTimeout, Clock clock) {
        this.queue = queue;
        this.jobs = jobs;
        this.stallTimeout = stallTimeout;
        this.clock = clock;
    }

    /** What this node last saw of a job, and since when it has looked the same. */
    private record Observed(String signature, Instant since) {}

    /** Releases the marks of every handed job that ended, vanished or stalled; returns how many marks were released. */
    public synchronized int releaseUnsettled() {
        List<String> handed = queue.handedJobs();
        observed.keySet().retainAll(handed);
        int released = 0;
        for (String jobId : handed) {
            String why = unsettledReason(jobId);
            if (why != null) {
                int n = queue.release(jobId);
                observed.remove(jobId);
                released += n;
                if (n > 0) {
                    log.info("Derivation job {} {}: its {} marked patients are handed again", jobId, why, n);
                }
            }
        }
        return released;
    }

    private String unsettledReason(String jobId) {
        Optional<JobInstance> found = AsyncJobs.find(jobs, jobId);
        if (found.isEmpty()) {
            return "no longer exists";
        }
        JobInstance job = found.get();
        if (job.getStatus().isEnded()) {
            return "ended " + job.getStatus();
        }
        String signature = job.getStatus() + "/" + job.getCombinedRecordsProcessed() + "/" + job.getProgress() + "/"
                + job.getErrorCount();
        Instant now = clock.instant();
        Observed last = observed.get(jobId);
        if (last == null || !Objects.equals(last.signature(), signature)) {
            observed.put(jobId, new Observed(signature, now));
            return null;
        }
        if (Duration.between(last.since(), now).compareTo(stallTimeout) < 0) {
            return null;
        }
        try {
            jobs.cancelInstance(jobId);
        } catch (RuntimeException e) {
            log.debug("Could not cancel stalled derivation job {}: {}", jobId, e.toString());
        }
        return "made no progress for " + stallTimeout;
    }
}
