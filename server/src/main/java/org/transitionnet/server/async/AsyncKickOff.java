package org.transitionnet.server.async;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.batch2.model.JobInstanceStartRequest;
import ca.uhn.fhir.model.api.IModelJson;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.transitionnet.server.errors.InternalText;

/**
 * The kick-off of an asynchronous operation (the FHIR asynchronous request pattern, as Bulk Data uses it), the same
 * for every such operation: start a Batch2 job, wake the job maintenance so the job begins now rather than at the
 * next scheduled pass, and answer 202 with the status URL in {@code Content-Location} and an informational
 * OperationOutcome.
 */
public final class AsyncKickOff {

    private final IJobCoordinator jobs;
    private final IJobMaintenanceService maintenance;

    public AsyncKickOff(IJobCoordinator jobs, IJobMaintenanceService maintenance) {
        this.jobs = jobs;
        this.maintenance = maintenance;
    }

    /**
     * 400 unless the request asks for an asynchronous answer ({@code Prefer: respond-async}).
     *
     * @param what the operation as the answer names it, e.g. "The research export"
     */
    public static void requireRespondAsync(RequestDetails request, String what) {
        String prefer = request.getHeader("Prefer");
        if (prefer == null || !prefer.toLowerCase(Locale.ROOT).contains("respond-async")) {
            throw new InvalidRequestException(what + " is asynchronous: send the header 'Prefer: respond-async'");
        }
    }

    /**
     * Starts the job and answers 202.
     *
     * @param statusQuery the status URL relative to the server base, up to the job id: {@code $research-export-status?_jobId=}
     * @param message     the outcome's text, given the job id and the status URL
     * @return the job id
     */
    public String start(
            ServletRequestDetails request,
            String jobDefinitionId,
            IModelJson parameters,
            String statusQuery,
            BiFunction<String, String, String> message)
            throws IOException {
        String jobId = jobs.startInstance(
                        new SystemRequestDetails(), new JobInstanceStartRequest(jobDefinitionId, parameters))
                .getInstanceId();
        maintenance.triggerMaintenancePass();
        String statusUrl = request.getFhirServerBase() + "/" + statusQuery + jobId;
        HttpServletResponse response = request.getServletResponse();
        response.setStatus(HttpServletResponse.SC_ACCEPTED);
        response.setHeader("Content-Location", statusUrl);
        writeOutcome(
                request,
                OperationOutcome.IssueSeverity.INFORMATION,
                OperationOutcome.IssueType.INFORMATIONAL,
                List.of(message.apply(jobId, statusUrl)));
        return jobId;
    }

    /** Writes an OperationOutcome with one issue per text as the answer's FHIR JSON body (the status is the caller's). */
    public static void writeOutcome(
            ServletRequestDetails request,
            OperationOutcome.IssueSeverity severity,
            OperationOutcome.IssueType code,
            List<String> diagnostics)
            throws IOException {
        OperationOutcome outcome = new OperationOutcome();
        diagnostics.forEach(
                d -> outcome.addIssue().setSeverity(severity).setCode(code).setDiagnostics(d));
        HttpServletResponse response = request.getServletResponse();
        response.setContentType("application/fhir+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(request.getFhirContext().newJsonParser().encodeResourceToString(outcome));
        response.getWriter().close();
    }

    /**
     * The status answer of a failed job: 500 with an OperationOutcome naming it ({@code what}, e.g. "Dataset build")
     * and its error, unless that error is internal text (then the server log has it).
     */
    public static void writeFailed(ServletRequestDetails request, String what, JobInstance instance)
            throws IOException {
        request.getServletResponse().setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        writeOutcome(
                request,
                OperationOutcome.IssueSeverity.ERROR,
                OperationOutcome.IssueType.EXCEPTION,
                List.of(what + " " + instance.getInstanceId() + " failed"
                        + (InternalText.looksInternal(instance.getErrorMessage())
                                ? " (the server log has the details)"
                                : ": " + instance.getErrorMessage())));
    }

    /** The status answer of a job still running: 202 with its progress and when to poll again. */
    public static void writeInProgress(HttpServletResponse response, JobInstance instance, long retryAfterSeconds)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_ACCEPTED);
        response.setHeader(
                "X-Progress", instance.getStatus().name() + " " + Math.round(instance.getProgress() * 100) + "%");
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        response.getWriter().close();
    }
}
