package org.transitionnet.server.transition;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.transitionnet.server.transition.job.DeriveJobParameters;
import org.transitionnet.server.transition.job.DeriveTransitionsJob;

import java.io.IOException;
import java.util.List;

/**
 * {@code $rederive} (system level) starts a Batch2 job that re-derives every patient's transitions (or
 * the listed patients'), e.g. after a mapping version change; it answers 202 with the job's status URL.
 * {@code $rederive-status?jobId=} reports the job's status and progress.
 */
public class RederiveOperationProvider {

	private final IJobCoordinator jobs;
	private final IJobMaintenanceService maintenance;

	public RederiveOperationProvider(IJobCoordinator jobs, IJobMaintenanceService maintenance) {
		this.jobs = jobs;
		this.maintenance = maintenance;
	}

	@Operation(name = "$rederive", manualResponse = true)
	public void rederive(@OperationParam(name = "patient", max = OperationParam.MAX_UNLIMITED) List<Reference> patients,
			ServletRequestDetails request) throws IOException {
		DeriveJobParameters parameters = patients == null || patients.isEmpty()
				? DeriveJobParameters.forAllPatients()
				: DeriveJobParameters.forPatients(patients.stream().map(p -> p.getReferenceElement().getIdPart()).toList());
		String jobId = DeriveTransitionsJob.start(jobs, parameters);
		maintenance.triggerMaintenancePass();
		String statusUrl = request.getFhirServerBase() + "/$rederive-status?jobId=" + jobId;

		OperationOutcome accepted = new OperationOutcome();
		accepted.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION).setCode(OperationOutcome.IssueType.INFORMATIONAL)
				.setDiagnostics("Re-derivation job " + jobId + " started; poll " + statusUrl);
		HttpServletResponse response = request.getServletResponse();
		response.setStatus(HttpServletResponse.SC_ACCEPTED);
		response.setHeader("Content-Location", statusUrl);
		response.setContentType("application/fhir+json");
		response.getWriter().write(request.getFhirContext().newJsonParser().encodeResourceToString(accepted));
		response.getWriter().close();
	}

	@Operation(name = "$rederive-status", idempotent = true)
	public Parameters status(@OperationParam(name = "jobId", min = 1, max = 1) StringType jobId) {
		if (jobId == null || jobId.isEmpty()) {
			throw new InvalidRequestException("jobId is required");
		}
		JobInstance instance;
		try {
			instance = jobs.getInstance(jobId.getValue());
		} catch (ResourceNotFoundException e) {
			throw new ResourceNotFoundException("No re-derivation job " + jobId.getValue());
		}
		if (!DeriveTransitionsJob.JOB_ID.equals(instance.getJobDefinitionId())) {
			throw new ResourceNotFoundException("No re-derivation job " + jobId.getValue());
		}
		Parameters status = new Parameters();
		status.addParameter("jobId", new StringType(instance.getInstanceId()));
		status.addParameter("status", new StringType(instance.getStatus().name()));
		status.addParameter("progress", new DecimalType(instance.getProgress()));
		if (instance.getCombinedRecordsProcessed() != null) {
			status.addParameter("patientsProcessed", new IntegerType(instance.getCombinedRecordsProcessed()));
		}
		if (instance.getStartTime() != null) {
			status.addParameter("started", new DateTimeType(instance.getStartTime()));
		}
		if (instance.getEndTime() != null) {
			status.addParameter("ended", new DateTimeType(instance.getEndTime()));
		}
		if (instance.getErrorMessage() != null) {
			status.addParameter("error", new StringType(instance.getErrorMessage()));
		}
		return status;
	}
}
