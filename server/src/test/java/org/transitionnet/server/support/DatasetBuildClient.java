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

/**
 * A researcher's side of the benchmark dataset operations for tests: kick off {@code $dataset-build},
 * poll its status until it is done, read {@code $datasets} and download files as bytes.
 */
public final class DatasetBuildClient {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String token;

    public DatasetBuildClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** {@code POST [base]/$dataset-build?query} with an optional Parameters body. */
    public HttpResponse<String> kickOff(String query, String parametersJson, boolean respondAsync) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        uri("/$dataset-build" + (query == null || query.isEmpty() ? "" : "?" + query)))
                .header("Accept", "application/fhir+json")
                .POST(
                        parametersJson == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(parametersJson));
        if (parametersJson != null) {
            request.header("Content-Type", "application/fhir+json");
        }
        if (respondAsync) {
            request.header("Prefer", "respond-async");
        }
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Polls the status until it is no longer 202 (each 202 must carry X-Progress and Retry-After); returns the final answer. */
    public HttpResponse<String> await(String statusUrl) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> r = get(statusUrl);
            if (r.statusCode() != 202) {
                return r;
            }
            if (r.headers().firstValue("X-Progress").isEmpty()
                    || r.headers().firstValue("Retry-After").isEmpty()) {
                throw new AssertionError(
                        "202 without X-Progress and Retry-After: " + r.headers().map());
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("dataset build did not finish: " + statusUrl);
    }

    /** Kicks off, waits, and returns the final status answer (200 result, 422 refusal, 500 failure). */
    public HttpResponse<String> run(String query) {
        HttpResponse<String> kickOff = kickOff(query, null, true);
        if (kickOff.statusCode() != 202) {
            throw new AssertionError("kick-off ?" + query + ": " + kickOff.statusCode() + " " + kickOff.body());
        }
        return await(kickOff.headers().firstValue("Content-Location").orElseThrow());
    }

    /** A build that must succeed: its result. */
    public JsonNode build(String query) {
        HttpResponse<String> done = run(query);
        if (done.statusCode() != 200) {
            throw new AssertionError("dataset build ?" + query + ": " + done.statusCode() + " " + done.body());
        }
        return json(done.body());
    }

    public HttpResponse<String> get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> bytes(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> delete(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).DELETE(), HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : baseUrl + (path.startsWith("/") ? path : "/" + path));
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.timeout(Duration.ofMinutes(2)).build(), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
