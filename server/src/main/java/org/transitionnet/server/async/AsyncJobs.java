package org.transitionnet.server.async;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.batch2.model.StatusEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Optional;
import org.hl7.fhir.r4.model.StringType;

/**
 * The job behind an async status URL ({@code ?_jobId=}) of the Bulk Data pattern, as every async
 * operation (research export, dataset build) looks it up: 400 without an id, 404 for an unknown or
 * cancelled job and for a job of another definition, so one operation's status URL never reveals another's jobs;
 * and the lookups every job status or guard starts with.
 */
public final class AsyncJobs {

    private AsyncJobs() {}

    /** @param missing the 404 message, e.g. "No dataset build x (unknown or cancelled)" */
    public static JobInstance live(IJobCoordinator jobs, StringType jobId, String definitionId, String missing) {
        if (jobId == null || jobId.isEmpty()) {
            throw new InvalidRequestException("_jobId is required");
        }
        return ofDefinition(jobs, jobId.getValue(), definitionId)
                .filter(instance -> instance.getStatus() != StatusEnum.CANCELLED && !instance.isCancelled())
                .orElseThrow(() -> new ResourceNotFoundException(missing));
    }

    /** The job instance, or empty when the coordinator knows none by that id. */
    public static Optional<JobInstance> find(IJobCoordinator jobs, String jobId) {
        try {
            return Optional.of(jobs.getInstance(jobId));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The job instance if it is one of the given definition; empty otherwise, as if there were none. */
    public static Optional<JobInstance> ofDefinition(IJobCoordinator jobs, String jobId, String definitionId) {
        return find(jobs, jobId).filter(instance -> definitionId.equals(instance.getJobDefinitionId()));
    }
}
