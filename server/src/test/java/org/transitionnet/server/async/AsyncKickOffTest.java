package org.transitionnet.server.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.model.JobInstanceStartRequest;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.batch.models.Batch2JobStartResponse;
import ca.uhn.fhir.model.api.IModelJson;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class AsyncKickOffTest {

    static class Job implements IModelJson {
        @JsonProperty("what")
        String what = "everything";
    }

    @Test
    void startsTheJobWakesTheMaintenanceAndAnswers202WithTheStatusUrl() throws Exception {
        IJobCoordinator jobs = mock(IJobCoordinator.class);
        IJobMaintenanceService maintenance = mock(IJobMaintenanceService.class);
        Batch2JobStartResponse started = new Batch2JobStartResponse();
        started.setInstanceId("job-1");
        when(jobs.startInstance(any(RequestDetails.class), any(JobInstanceStartRequest.class)))
                .thenReturn(started);
        StringWriter body = new StringWriter();
        HttpServletResponse response = mock(HttpServletResponse.class);
        when(response.getWriter()).thenReturn(new PrintWriter(body));
        ServletRequestDetails request = mock(ServletRequestDetails.class);
        when(request.getFhirServerBase()).thenReturn("http://host/fhir");
        when(request.getServletResponse()).thenReturn(response);
        when(request.getFhirContext()).thenReturn(FhirContext.forR4Cached());

        String jobId = new AsyncKickOff(jobs, maintenance)
                .start(
                        request,
                        "some-job",
                        new Job(),
                        "$some-status?_jobId=",
                        (id, url) -> "Job " + id + " started; poll " + url);

        assertThat(jobId).isEqualTo("job-1");
        ArgumentCaptor<JobInstanceStartRequest> start = ArgumentCaptor.forClass(JobInstanceStartRequest.class);
        verify(jobs).startInstance(any(RequestDetails.class), start.capture());
        assertThat(start.getValue().getJobDefinitionId()).isEqualTo("some-job");
        assertThat(start.getValue().getParameters()).contains("everything");
        verify(maintenance).triggerMaintenancePass();
        verify(response).setStatus(202);
        verify(response).setHeader("Content-Location", "http://host/fhir/$some-status?_jobId=job-1");
        OperationOutcome outcome =
                FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, body.toString());
        assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.INFORMATION);
        assertThat(outcome.getIssueFirstRep().getDiagnostics())
                .isEqualTo("Job job-1 started; poll http://host/fhir/$some-status?_jobId=job-1");
    }

    @Test
    void onlyARequestForAnAsynchronousAnswerIsAccepted() {
        RequestDetails plain = mock(RequestDetails.class);
        RequestDetails async = mock(RequestDetails.class);
        when(async.getHeader("Prefer")).thenReturn("Respond-Async");

        assertThatThrownBy(() -> AsyncKickOff.requireRespondAsync(plain, "The thing"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("The thing is asynchronous: send the header 'Prefer: respond-async'");
        assertThatCode(() -> AsyncKickOff.requireRespondAsync(async, "The thing"))
                .doesNotThrowAnyException();
    }
}
