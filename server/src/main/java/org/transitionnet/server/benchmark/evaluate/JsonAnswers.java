package org.transitionnet.server.benchmark.evaluate;

import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.OperationOutcome;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** Writes the benchmark operations' answers: plain JSON on success, a FHIR OperationOutcome otherwise. */
final class JsonAnswers {

	private static final ObjectMapper JSON = new ObjectMapper();

	private JsonAnswers() {
	}

	static void json(ServletRequestDetails request, int status, JsonNode body) throws IOException {
		HttpServletResponse response = request.getServletResponse();
		response.setStatus(status);
		response.setContentType("application/json");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		Writer w = response.getWriter();
		w.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body));
		w.close();
	}

	static void outcome(ServletRequestDetails request, int status, OperationOutcome.IssueType type, String diagnostics) throws IOException {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
		HttpServletResponse response = request.getServletResponse();
		response.setStatus(status);
		response.setContentType("application/fhir+json");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		Writer w = response.getWriter();
		w.write(request.getFhirContext().newJsonParser().encodeResourceToString(outcome));
		w.close();
	}
}
