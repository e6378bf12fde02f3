package org.transitionnet.loader.ndjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Starts a Bulk Data {@code $import} (the import manifest as a Parameters resource, {@code Prefer: respond-async})
 * and polls {@code $import-poll-status} until the job has ended, handing each {@code X-Progress} line to a
 * listener.
 */
public final class BulkImportClient {

    /** The end of a job: HTTP status of the last poll (200 completed) and the OperationOutcome's diagnostics. */
    public record Outcome(int status, List<String> messages) {
        public boolean completed() {
            return status == 200;
        }

        /** HAPI's report counts "Storage Actions : N (…/sec)"; -1 when absent. */
        public long storageActions() {
            for (String message : messages) {
                for (String line : message.split("\n")) {
                    if (line.startsWith("Storage Actions")) {
                        String digits = line.replaceAll("^[^:]*:\\s*(\\d+).*$", "$1");
                        try {
                            return Long.parseLong(digits.trim());
                        } catch (NumberFormatException e) {
                            return -1;
                        }
                    }
                }
            }
            return -1;
        }
    }

    private static final String FHIR_JSON = "application/fhir+json";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    private final ObjectMapper mapper;
    private final URI baseUrl;
    private final String bearerToken;
    private final Duration pollInterval;

    public BulkImportClient(ObjectMapper mapper, URI baseUrl, String bearerToken, Duration pollInterval) {
        this.mapper = mapper;
        this.baseUrl = baseUrl;
        this.bearerToken = bearerToken;
        this.pollInterval = pollInterval;
    }

    /** The import manifest: one input per (type, url). */
    public String manifest(String inputSource, List<Map.Entry<String, String>> typeAndUrls) {
        ObjectNode parameters = mapper.createObjectNode().put("resourceType", "Parameters");
        ArrayNode list = parameters.putArray("parameter");
        list.addObject().put("name", "inputFormat").put("valueCode", "application/fhir+ndjson");
        list.addObject().put("name", "inputSource").put("valueUri", inputSource);
        for (Map.Entry<String, String> input : typeAndUrls) {
            ArrayNode parts = list.addObject().put("name", "input").putArray("part");
            parts.addObject().put("name", "type").put("valueCode", input.getKey());
            parts.addObject().put("name", "url").put("valueUri", input.getValue());
        }
        return parameters.toString();
    }

    /** Starts the job and waits for its end. */
    public Outcome run(String manifest, Consumer<String> progress) throws IOException, InterruptedException {
        HttpResponse<String> kickOff = http.send(
                authorized(HttpRequest.newBuilder(URI.create(baseUrl + "/$import")))
                        .header("Content-Type", FHIR_JSON + "; charset=UTF-8")
                        .header("Prefer", "respond-async")
                        .POST(HttpRequest.BodyPublishers.ofString(manifest))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (kickOff.statusCode() != 202) {
            return new Outcome(kickOff.statusCode(), diagnostics(kickOff.body()));
        }
        URI status = URI.create(kickOff.headers()
                .firstValue("Content-Location")
                .orElseThrow(() -> new IOException("$import answered 202 without Content-Location")));
        while (true) {
            HttpResponse<String> poll = http.send(
                    authorized(HttpRequest.newBuilder(status)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (poll.statusCode() != 202) {
                return new Outcome(poll.statusCode(), diagnostics(poll.body()));
            }
            poll.headers().firstValue("X-Progress").ifPresent(progress);
            Thread.sleep(pollInterval.toMillis());
        }
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        request.header("Accept", FHIR_JSON).timeout(Duration.ofMinutes(5));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return request;
    }

    private List<String> diagnostics(String body) {
        List<String> messages = new ArrayList<>();
        try {
            for (JsonNode issue : mapper.readTree(body).path("issue")) {
                messages.add(issue.path("diagnostics").asText(""));
            }
        } catch (IOException e) {
            messages.add(body);
        }
        return messages;
    }
}
