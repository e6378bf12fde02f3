package org.transitionnet.loader;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Posts transaction bundles to a FHIR server base. */
public final class FhirTransactionClient {

    /** Status code and body of the server's answer. */
    public record Response(int status, String body) {
        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    private static final String FHIR_JSON = "application/fhir+json";

    private final HttpClient http;
    private final URI baseUrl;
    private final String bearerToken;
    private final Duration timeout;

    public FhirTransactionClient(URI baseUrl, String bearerToken, Duration timeout) {
        // HTTP/1.1: the JDK client would otherwise try an h2c upgrade on every plain-HTTP request.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        this.baseUrl = baseUrl;
        this.bearerToken = bearerToken;
        this.timeout = timeout;
    }

    public Response postTransaction(byte[] bundleJson) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl)
                .timeout(timeout)
                .header("Content-Type", FHIR_JSON + "; charset=UTF-8")
                .header("Accept", FHIR_JSON)
                // The loader only needs each entry's status, not the stored resources echoed back.
                .header("Prefer", "return=minimal")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bundleJson));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }
}
