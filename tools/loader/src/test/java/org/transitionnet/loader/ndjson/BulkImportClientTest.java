package org.transitionnet.loader.ndjson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BulkImportClientTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void theManifestIsAParametersResourceWithOneInputPerFile() throws Exception {
        BulkImportClient client =
                new BulkImportClient(mapper, URI.create("http://localhost:8080/fhir"), null, Duration.ofSeconds(1));
        JsonNode manifest = mapper.readTree(client.manifest(
                "http://localhost:8091/ndjson/",
                List.of(
                        Map.entry("Patient", "http://localhost:8091/ndjson/wave-0-Patient.ndjson"),
                        Map.entry("Organization", "http://localhost:8091/ndjson/wave-0-Organization.ndjson"))));
        assertEquals("Parameters", manifest.path("resourceType").asText());
        assertEquals(
                "application/fhir+ndjson", manifest.at("/parameter/0/valueCode").asText());
        assertEquals(
                "http://localhost:8091/ndjson/",
                manifest.at("/parameter/1/valueUri").asText());
        assertEquals("input", manifest.at("/parameter/3/name").asText());
        assertEquals(
                "Organization", manifest.at("/parameter/3/part/0/valueCode").asText());
        assertEquals(
                "http://localhost:8091/ndjson/wave-0-Organization.ndjson",
                manifest.at("/parameter/3/part/1/valueUri").asText());
    }

    @Test
    void storageActionsAreReadFromTheReport() {
        String report = "Bulk Import Report\n------\nStart Time      : 2026-01-01\nStorage Actions : 1234 (56/sec)\n";
        assertEquals(1234, new BulkImportClient.Outcome(200, List.of(report)).storageActions());
        assertEquals(-1, new BulkImportClient.Outcome(200, List.of("no report")).storageActions());
    }
}
