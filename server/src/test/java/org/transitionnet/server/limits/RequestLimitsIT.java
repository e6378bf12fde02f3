package org.transitionnet.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.support.ServerTestBase;

/**
 * No single request may cost unbounded memory or time: oversized bodies, gzip bombs and huge bundles are
 * refused with 413 and an OperationOutcome before they are processed; ordinary gzip bodies still work.
 */
class RequestLimitsIT extends ServerTestBase {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void gzipBombIsRefusedBeforeItInflates() throws Exception {
        // 40 MB of blanks inside a Patient: about 40 KB compressed, over the 32 MB decompressed limit.
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write("{\"resourceType\":\"Patient\",\"active\":true".getBytes(StandardCharsets.UTF_8));
            byte[] blanks = new byte[1 << 20];
            java.util.Arrays.fill(blanks, (byte) ' ');
            for (int i = 0; i < 40; i++) {
                gzip.write(blanks);
            }
            gzip.write("}".getBytes(StandardCharsets.UTF_8));
        }
        long before = storedCount("Patient");

        HttpResponse<String> response = postGzip(compressed.toByteArray());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertOperationOutcome(response.body(), "max-decompressed-size");
        assertThat(storedCount("Patient")).isEqualTo(before);
    }

    @Test
    void smallGzipBodyIsAccepted() throws Exception {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write("{\"resourceType\":\"Patient\",\"active\":true}".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(postGzip(compressed.toByteArray()).statusCode()).isEqualTo(201);
    }

    @Test
    void declaredOversizedBodyIsRefusedWithoutReadingIt() throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /fhir/Patient HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + adminToken()
                            + "\r\nContent-Type: application/fhir+json\r\nContent-Length: 100000000\r\n\r\n{\"resourceType\"")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readAnswer(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertOperationOutcome(answer.substring(answer.indexOf("\r\n\r\n") + 4), "max-request-size");
        }
    }

    @Test
    void bundleWithTooManyEntriesIsRefused() {
        StringBuilder bundle = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[");
        for (int i = 0; i <= 10_000; i++) {
            bundle.append(i == 0 ? "" : ",")
                    .append("{\"request\":{\"method\":\"GET\",\"url\":\"Patient/none-")
                    .append(i)
                    .append("\"}}");
        }
        bundle.append("]}");

        HttpResponse<String> response = http.post("/", bundle.toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertOperationOutcome(response.body(), "max-bundle-entries");
    }

    private HttpResponse<String> postGzip(byte[] body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/Patient"))
                        .timeout(Duration.ofMinutes(1))
                        .header("Authorization", "Bearer " + adminToken())
                        .header("Content-Type", "application/fhir+json")
                        .header("Content-Encoding", "gzip")
                        .header("Accept", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Status line, headers and the body of one answer with a Content-Length. */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int contentLength = -1;
        int headerEnd = -1;
        int b;
        while ((b = in.read()) != -1) {
            buffer.write(b);
            String text = buffer.toString(StandardCharsets.UTF_8);
            if (headerEnd < 0 && text.endsWith("\r\n\r\n")) {
                headerEnd = text.length();
                for (String line : text.split("\r\n")) {
                    if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        contentLength = Integer.parseInt(
                                line.substring(line.indexOf(':') + 1).trim());
                    }
                }
                if (contentLength <= 0) {
                    break;
                }
            }
            if (headerEnd >= 0 && buffer.size() - headerEnd >= contentLength) {
                break;
            }
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private void assertOperationOutcome(String body, String expected) {
        OperationOutcome outcome = fhirContext.newJsonParser().parseResource(OperationOutcome.class, body);
        assertThat(outcome.getIssue())
                .anySatisfy(issue -> assertThat(issue.getDiagnostics()).contains(expected));
    }
}
