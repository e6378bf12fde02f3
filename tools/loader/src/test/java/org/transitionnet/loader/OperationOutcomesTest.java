package org.transitionnet.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OperationOutcomesTest {

    @Test
    void joinsIssueDiagnosticsWithSeverity() {
        String body = """
        {"resourceType": "OperationOutcome", "issue": [
          {"severity": "error", "code": "processing", "diagnostics": "HAPI-0541: Invalid match URL"},
          {"severity": "warning", "code": "processing", "details": {"text": "second"}}
        ]}""";

        assertEquals(
                "error: HAPI-0541: Invalid match URL | warning: second",
                OperationOutcomes.diagnostics(body, TestBundles.MAPPER));
    }

    @Test
    void fallsBackToTheRawBodyTruncated() {
        assertEquals("Bad Gateway", OperationOutcomes.diagnostics(" Bad Gateway\n", TestBundles.MAPPER));
        assertEquals("(empty response body)", OperationOutcomes.diagnostics("", TestBundles.MAPPER));
        String longBody = "x".repeat(5000);
        assertTrue(OperationOutcomes.diagnostics(longBody, TestBundles.MAPPER).length()
                <= OperationOutcomes.MAX_LENGTH + 3);
    }
}
