package org.transitionnet.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Extracts a readable failure reason from a server response body. */
public final class OperationOutcomes {

    static final int MAX_LENGTH = 2000;

    private OperationOutcomes() {}

    /**
     * The diagnostics (or details text) of each issue of an OperationOutcome, joined; the start of
     * the raw body when it is not one.
     */
    public static String diagnostics(String body, ObjectMapper mapper) {
        if (body == null || body.isBlank()) {
            return "(empty response body)";
        }
        try {
            JsonNode root = mapper.readTree(body);
            if (root != null
                    && "OperationOutcome".equals(root.path("resourceType").asText())) {
                List<String> parts = new ArrayList<>();
                for (JsonNode issue : root.path("issue")) {
                    String text = issue.path("diagnostics")
                            .asText(issue.path("details").path("text").asText(""));
                    String severity = issue.path("severity").asText("");
                    if (!text.isBlank()) {
                        parts.add(severity.isEmpty() ? text : severity + ": " + text);
                    }
                }
                if (!parts.isEmpty()) {
                    return truncate(String.join(" | ", parts));
                }
            }
        } catch (Exception notJson) {
            // fall through to the raw body
        }
        return truncate(body.strip());
    }

    private static String truncate(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "...";
    }
}
