package org.transitionnet.server.product.export;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.transitionnet.server.product.export.job.ExportReport;

/**
 * The error file of a finished research export, as Bulk Data's manifest {@code error} array expects it: NDJSON of
 * OperationOutcomes, one per problem that did not fail the whole export. Built from the export's report; it names
 * no patient (the server log does), since the export's recipients see de-identified data only.
 */
public final class ExportErrors {

    /** {@code _file} value of the error file. */
    public static final String FILE = "errors";

    private ExportErrors() {}

    public static List<OperationOutcome> of(ExportReport report) {
        List<OperationOutcome> outcomes = new ArrayList<>();
        if (report.patientsFailed > 0) {
            outcomes.add(outcome(
                    OperationOutcome.IssueType.EXCEPTION,
                    report.patientsFailed
                            + " patient(s) left out of this export because preparing their records failed"));
        }
        if (report.pushError != null && !report.pushError.isBlank()) {
            outcomes.add(outcome(
                    OperationOutcome.IssueType.TRANSIENT, "Push to the research registry failed: " + report.pushError));
        }
        return outcomes;
    }

    private static OperationOutcome outcome(OperationOutcome.IssueType code, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(code)
                .setDiagnostics(diagnostics);
        return outcome;
    }
}
