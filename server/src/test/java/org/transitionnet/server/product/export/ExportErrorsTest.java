package org.transitionnet.server.product.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.product.export.job.ExportReport;

class ExportErrorsTest {

    @Test
    void aCleanExportHasNoErrors() {
        assertThat(ExportErrors.of(new ExportReport())).isEmpty();
    }

    @Test
    void failedPatientsAndAFailedPushBecomeOneOperationOutcomeEach() {
        ExportReport report = new ExportReport();
        report.patientsFailed = 2;
        report.pushError = "registry answered 503";

        List<OperationOutcome> errors = ExportErrors.of(report);

        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        assertThat(errors.get(0).getIssueFirstRep().getDiagnostics()).startsWith("2 patient(s) left out");
        assertThat(errors.get(1).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TRANSIENT);
        assertThat(errors.get(1).getIssueFirstRep().getDiagnostics()).contains("registry answered 503");
    }
}
