package org.transitionnet.server.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP for the tests that must send what a FHIR client library refuses to: broken bodies. */
public final class RawHttp {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String token;

    public RawHttp(String baseUrl) {
        this(baseUrl, null);
    }

    private RawHttp(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** The same base URL, sending {@code Authorization: Bearer token} (none when {@code null}). */
    public RawHttp withToken(String bearerToken) {
        return new RawHttp(baseUrl, bearerToken);
    }

    public HttpResponse<String> get(String path) {
        return get(path, "application/fhir+json");
    }

    public HttpResponse<String> get(String path, String accept) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET());
    }

    /** GET with extra header name/value pairs (e.g. {@code Prefer: respond-async}, {@code Origin}). */
    public HttpResponse<String> getWithHeaders(String path, String accept, String... headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Accept", "application/fhir+json")
                .DELETE());
    }

    /** A form POST (OAuth token endpoint), with optional HTTP Basic credentials. */
    public HttpResponse<String> postForm(String path, String form) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    public HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/fhir+json")
                .header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A POST of plain JSON (not a FHIR resource), answered in JSON. */
    public HttpResponse<String> postJson(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> put(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/fhir+json")
                .header("Accept", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : baseUrl + (path.startsWith("/") ? path : "/" + path));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return CLIENT.send(request.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
