package org.transitionnet.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A researcher's side of {@code $research-export} for tests: kick off with a Backend Services token,
 * poll until the manifest, download the outputs.
 */
public final class ResearchExportClient {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;

    public ResearchExportClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A finished export: its manifest and each output's lines by type. */
    public record Export(JsonNode manifest, Map<String, List<String>> lines) {
        public List<String> lines(String type) {
            return lines.getOrDefault(type, List.of());
        }

        public JsonNode disclosure() {
            return manifest.path("extension").path("http://transitionnet.org/fhir/disclosure-report");
        }
    }

    /** Kicks off the export at the path (e.g. {@code /Group/1/$research-export?_k=3}), waits for it and downloads every output. */
    public Export run(String path) throws Exception {
        HttpResponse<String> kickOff = send("GET", path, true);
        if (kickOff.statusCode() != 202) {
            throw new AssertionError("kick-off " + path + ": " + kickOff.statusCode() + " " + kickOff.body());
        }
        JsonNode manifest =
                awaitManifest(kickOff.headers().firstValue("Content-Location").orElseThrow());
        Map<String, List<String>> lines = new LinkedHashMap<>();
        for (JsonNode output : manifest.path("output")) {
            String body = send("GET", output.path("url").asText(), false).body();
            List<String> file = new ArrayList<>();
            for (String line : body.split("\n")) {
                if (!line.isBlank()) {
                    file.add(line);
                }
            }
            lines.put(output.path("type").asText(), file);
        }
        return new Export(manifest, lines);
    }

    public JsonNode awaitManifest(String statusUrl) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            Thread.sleep(350);
            HttpResponse<String> r = send("GET", statusUrl, false);
            if (r.statusCode() == 200) {
                return JSON.readTree(r.body());
            }
            if (r.statusCode() != 202 && r.statusCode() != 429) {
                throw new AssertionError("export status " + r.statusCode() + ": " + r.body());
            }
            if (r.statusCode() == 202
                    && (r.headers().firstValue("X-Progress").isEmpty()
                            || r.headers().firstValue("Retry-After").isEmpty())) {
                throw new AssertionError(
                        "202 without X-Progress and Retry-After: " + r.headers().map());
            }
        }
        throw new AssertionError("export did not complete: " + statusUrl);
    }

    /** A request with a Backend Services token ({@code system/*.rs}). */
    public HttpResponse<String> send(String method, String path, boolean preferAsync) {
        return send(method, path, preferAsync, TestSecurity.get().token("system/*.rs", null));
    }

    public HttpResponse<String> send(String method, String path, boolean preferAsync, String token) {
        URI uri = URI.create(path.startsWith("http") ? path : baseUrl + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMinutes(2))
                .header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (preferAsync) {
            b.header("Prefer", "respond-async");
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
