package org.transitionnet.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadSummaryTest {

    @Test
    void reportsCountsThroughputExclusionsAndEachFailure() {
        LoadSummary summary = new LoadSummary();
        summary.expect(2, 3);
        summary.recordLoaded(true, 100);
        summary.recordLoaded(true, 100);
        summary.recordLoaded(false, 500);
        summary.recordLoaded(false, 300);
        summary.recordExclusion(new TypeExclusion.Outcome(Map.of("Claim", 40, "ExplanationOfBenefit", 40), 80));
        summary.recordFailure(new LoadSummary.Failure("Jane_Doe.json", 400, "error: Invalid reference"));

        String report = summary.format("http://localhost:8080/fhir", Duration.ofSeconds(4));

        assertTrue(report.contains("information bundles  2/2"), report);
        assertTrue(report.contains("patients             2/3"), report);
        assertTrue(report.contains("resources            1000"), report);
        assertTrue(report.contains("seconds              4.0"), report);
        assertTrue(report.contains("resources/s          250.0"), report);
        assertTrue(
                report.contains("excluded             Claim 40, ExplanationOfBenefit 40 (and 80 references to them)"),
                report);
        assertTrue(report.contains("failures             1"), report);
        assertTrue(report.contains("Jane_Doe.json: HTTP 400: error: Invalid reference"), report);
        assertFalse(summary.succeeded());
        assertEquals(5, summary.bundlesDone());
    }

    @Test
    void succeedsWithoutFailuresAndNamesUnsentBundles() {
        LoadSummary summary = new LoadSummary();
        summary.expect(0, 1);
        assertTrue(summary.succeeded());

        summary.recordFailure(new LoadSummary.Failure("x.json", 0, "ConnectException: refused"));

        assertTrue(summary.format("http://h/fhir", Duration.ZERO).contains("x.json: not sent: ConnectException"));
        assertEquals(0.0, LoadSummary.perSecond(10, Duration.ZERO));
    }

    @Test
    void saysWhenPatientsWereNotAttempted() {
        LoadSummary summary = new LoadSummary();
        summary.expect(1, 4);
        summary.recordFailure(new LoadSummary.Failure("hospitalInformation1.json", 500, "boom"));
        summary.skipPatients();

        assertTrue(summary.format("http://h/fhir", Duration.ofSeconds(1))
                .contains("patients             0/4 (not attempted: an information bundle failed)"));
    }

    @Test
    void describesErrorsWithTheirCauses() {
        Exception error = new java.io.IOException(null, new java.net.ConnectException("Connection refused"));

        assertEquals("IOException <- ConnectException: Connection refused", BundleLoader.describe(error));
    }

    @Test
    void progressLineShowsBarAndRate() {
        assertEquals(
                "[###############---------------] 5/10 bundles  1000 resources  500 res/s  2s  1 failed",
                ProgressBar.render(5, 10, 1000, 1, Duration.ofSeconds(2)));
    }
}
