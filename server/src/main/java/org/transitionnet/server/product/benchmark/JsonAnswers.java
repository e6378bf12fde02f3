package org.transitionnet.server.product.benchmark;

import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.transitionnet.server.async.AsyncKickOff;

/** Writes the benchmark operations' answers: plain JSON on success, a FHIR OperationOutcome otherwise. */
public final class JsonAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonAnswers() {}

    public static void json(ServletRequestDetails request, int status, JsonNode body) throws IOException {
        HttpServletResponse response = request.getServletResponse();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Writer w = response.getWriter();
        w.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body));
        w.close();
    }

    public static void outcome(
            ServletRequestDetails request, int status, OperationOutcome.IssueType type, String diagnostics)
            throws IOException {
        request.getServletResponse().setStatus(status);
        AsyncKickOff.writeOutcome(request, OperationOutcome.IssueSeverity.ERROR, type, List.of(diagnostics));
    }
}
