package org.transitionnet.server.export;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.batch2.model.StatusEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.StringType;

/**
 * The job behind an async status URL ({@code ?_jobId=}) of the Bulk Data pattern, as every async
 * operation (research export, dataset build) looks it up: 400 without an id, 404 for an unknown or
 * cancelled job and for a job of another definition, so one operation's status URL never reveals another's jobs.
 */
public final class AsyncJobs {

	private AsyncJobs() {
	}

	/** @param missing the 404 message, e.g. "No dataset build x (unknown or cancelled)" */
	public static JobInstance live(IJobCoordinator jobs, StringType jobId, String definitionId, String missing) {
		if (jobId == null || jobId.isEmpty()) {
			throw new InvalidRequestException("_jobId is required");
		}
		JobInstance instance;
		try {
			instance = jobs.getInstance(jobId.getValue());
		} catch (ResourceNotFoundException e) {
			throw new ResourceNotFoundException(missing);
		}
		if (!definitionId.equals(instance.getJobDefinitionId()) || instance.getStatus() == StatusEnum.CANCELLED || instance.isCancelled()) {
			throw new ResourceNotFoundException(missing);
		}
		return instance;
	}
}
