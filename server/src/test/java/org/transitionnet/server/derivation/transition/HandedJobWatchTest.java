package org.transitionnet.server.derivation.transition;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.batch2.model.StatusEnum;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.derivation.transition.incremental.HandedJobWatch;

/** Which handed jobs give their marks back: ended, vanished, or without progress for the stall timeout. */
class HandedJobWatchTest {

    private final DirtyPatientQueue queue = mock(DirtyPatientQueue.class);
    private final IJobCoordinator jobs = mock(IJobCoordinator.class);
    private Instant now = Instant.parse("2026-11-26T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final HandedJobWatch watch = new HandedJobWatch(queue, jobs, Duration.ofMinutes(10), clock);

    @Test
    void marksOfEndedAndVanishedJobsAreReleasedAtOnce() {
        when(queue.handedJobs()).thenReturn(List.of("done", "failed", "cancelled", "gone", "running"));
        when(jobs.getInstance("done")).thenReturn(job(StatusEnum.COMPLETED, 5));
        when(jobs.getInstance("failed")).thenReturn(job(StatusEnum.FAILED, 1));
        when(jobs.getInstance("cancelled")).thenReturn(job(StatusEnum.CANCELLED, 0));
        when(jobs.getInstance("gone")).thenThrow(new ResourceNotFoundException("gone"));
        when(jobs.getInstance("running")).thenReturn(job(StatusEnum.IN_PROGRESS, 3));

        watch.releaseUnsettled();

        verify(queue).release("done");
        verify(queue).release("failed");
        verify(queue).release("cancelled");
        verify(queue).release("gone");
        verify(queue, never()).release("running");
    }

    @Test
    void aJobWithoutProgressForTheTimeoutIsCancelledAndReleasedAProgressingOneIsNot() {
        when(queue.handedJobs()).thenReturn(List.of("stuck", "slow"));
        when(jobs.getInstance("stuck")).thenReturn(job(StatusEnum.IN_PROGRESS, 4));
        when(jobs.getInstance("slow")).thenReturn(job(StatusEnum.IN_PROGRESS, 1));
        watch.releaseUnsettled();

        now = now.plus(Duration.ofMinutes(6));
        when(jobs.getInstance("slow")).thenReturn(job(StatusEnum.IN_PROGRESS, 2));
        watch.releaseUnsettled();
        now = now.plus(Duration.ofMinutes(5));
        watch.releaseUnsettled();

        verify(jobs).cancelInstance("stuck");
        verify(queue).release("stuck");
        verify(jobs, never()).cancelInstance("slow");
        verify(queue, never()).release("slow");
    }

    private static JobInstance job(StatusEnum status, int processed) {
        JobInstance job = new JobInstance();
        job.setStatus(status);
        job.setCombinedRecordsProcessed(processed);
        return job;
    }
}
