package org.transitionnet.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the whole CLI against an in-process HTTP endpoint on the loopback interface. */
class LoaderCliTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/fhir", this::answer);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        JsonNode bundle = TestBundles.MAPPER.readTree(exchange.getRequestBody());
        received.add(bundle);
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        boolean refuse = bundle.toString().contains("refuse-me");
        String body = refuse
                ? "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"diagnostics\":\"HAPI-1091: no match\"}]}"
                : "{\"resourceType\":\"Bundle\",\"type\":\"transaction-response\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(refuse ? 400 : 200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void loadsInformationFirstThenPatientsAsIdempotentTransactions() throws Exception {
        Path fhir = Files.createDirectory(dir.resolve("fhir"));
        Files.writeString(fhir.resolve("hospitalInformation1.json"), """
        {"resourceType": "Bundle", "type": "batch", "entry": [{"fullUrl": "urn:uuid:0a", "resource":
          {"resourceType": "Organization", "id": "0a"}, "request": {"method": "POST", "url": "Organization",
          "ifNoneExist": "identifier=x|0a"}}]}""");
        Files.writeString(fhir.resolve("Ann_1.json"), TestBundles.synthea().toString());

        Result result = run("--token", "t0k3n");

        assertEquals(0, result.exitCode, result.stdout);
        assertEquals(2, received.size());
        assertEquals(
                "Organization?identifier=x|0a",
                received.get(0).path("entry").get(0).path("request").path("url").asText());
        JsonNode patientBundle = received.get(1);
        assertEquals("transaction", patientBundle.path("type").asText());
        assertEquals(4, patientBundle.path("entry").size(), "Claim and EOB excluded by default");
        assertEquals(
                "PUT",
                patientBundle
                        .path("entry")
                        .get(0)
                        .path("request")
                        .path("method")
                        .asText());
        assertEquals(List.of("Bearer t0k3n", "Bearer t0k3n"), authorizations);
        assertTrue(result.stdout.contains("patients             1/1"), result.stdout);
        assertTrue(result.stdout.contains("resources            5"), result.stdout);
    }

    @Test
    void reportsRefusedBundlesWithTheirDiagnosticsAndFails() throws Exception {
        Files.writeString(dir.resolve("Ann_1.json"), TestBundles.synthea().toString());
        Files.writeString(dir.resolve("Bob_2.json"), """
        {"resourceType": "Bundle", "type": "transaction", "entry": [{"fullUrl": "urn:uuid:refuse-me",
          "resource": {"resourceType": "Patient"}, "request": {"method": "POST", "url": "Patient"}}]}""");

        Result result = run("--exclude", "none", "--keep-post");

        assertEquals(1, result.exitCode);
        assertTrue(result.stdout.contains("patients             1/2"), result.stdout);
        assertTrue(result.stdout.contains("Bob_2.json: HTTP 400: error: HAPI-1091: no match"), result.stdout);
        JsonNode ann = received.stream()
                .filter(b -> b.path("entry").size() == 6)
                .findFirst()
                .orElseThrow();
        assertEquals(
                "POST", ann.path("entry").get(0).path("request").path("method").asText());
    }

    private record Result(int exitCode, String stdout) {}

    private Result run(String... extra) throws Exception {
        String base = "http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort() + "/fhir";
        String[] args = new String[4 + 1 + extra.length];
        args[0] = "--base-url";
        args[1] = base;
        args[2] = "--input";
        args[3] = dir.toString();
        args[4] = "--no-progress";
        System.arraycopy(extra, 0, args, 5, extra.length);
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            int code = LoaderCli.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
