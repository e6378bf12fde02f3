package org.transitionnet.server.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.support.ServerTestBase;

/**
 * Searches as people type them: a literal {@code |} between system and code, unencoded, as in curl and most FHIR
 * tutorials. The request goes over a plain socket because Java's HTTP clients refuse to send the character.
 */
class QueryCharactersIT extends ServerTestBase {

    @Test
    void aTokenSearchWithAnUnencodedBarFindsTheObservation() throws Exception {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(new CodeableConcept(new Coding("http://example.org/query-chars", "qc-1", "query chars")));
        observation.setValue(new Quantity(1));
        client.create().resource(observation).execute();

        String answer = rawGet("/fhir/Observation?code=http://example.org/query-chars|qc-1&_summary=count");

        assertThat(answer).startsWith("HTTP/1.1 200");
        Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, body(answer));
        assertThat(bundle.getTotal()).isEqualTo(1);
    }

    @Test
    void squareBracketsInTheQueryAreAcceptedByTheWebServer() throws Exception {
        String answer = rawGet("/fhir/Observation?code=http://example.org/query-chars|[none]&_summary=count");

        assertThat(answer).startsWith("HTTP/1.1 200");
    }

    private String rawGet(String pathAndQuery) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Bearer "
                            + adminToken() + "\r\nAccept: application/fhir+json\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static String body(String answer) {
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        if (answer.toLowerCase().contains("transfer-encoding: chunked")) {
            StringBuilder joined = new StringBuilder();
            int at = 0;
            while (true) {
                int eol = body.indexOf("\r\n", at);
                int size = Integer.parseInt(body.substring(at, eol).trim(), 16);
                if (size == 0) {
                    return joined.toString();
                }
                joined.append(body, eol + 2, eol + 2 + size);
                at = eol + 2 + size + 2;
            }
        }
        return body;
    }
}
