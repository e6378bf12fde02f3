package org.transitionnet.loader.ndjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NdjsonFileServerTest {

    @TempDir
    Path dir;

    @Test
    void servesPublishedFilesOnly() throws Exception {
        Path file = Files.writeString(dir.resolve("wave-0-Patient.ndjson"), "{\"resourceType\":\"Patient\"}\n");
        Files.writeString(dir.resolve("secret.txt"), "not served");
        HttpClient http = HttpClient.newHttpClient();
        try (NdjsonFileServer server = new NdjsonFileServer("localhost", 0)) {
            String url = server.publish(file);
            assertTrue(url.startsWith(server.baseUrl()));
            HttpResponse<String> ok =
                    http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
            assertEquals(
                    "application/fhir+ndjson",
                    ok.headers().firstValue("Content-Type").orElse(""));
            assertEquals("{\"resourceType\":\"Patient\"}\n", ok.body());
            for (String other : new String[] {"secret.txt", "../secret.txt", "wave-1-Patient.ndjson"}) {
                HttpResponse<String> missing = http.send(
                        HttpRequest.newBuilder(URI.create(server.baseUrl() + other))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(404, missing.statusCode(), other);
            }
        }
    }
}
