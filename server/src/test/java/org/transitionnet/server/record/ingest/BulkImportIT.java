package org.transitionnet.server.record.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.support.AuditEventSearch;
import org.transitionnet.server.support.NdjsonSource;
import org.transitionnet.server.support.NdjsonWaves;
import org.transitionnet.server.support.ServerTestBase;
import org.transitionnet.server.support.TestSecurity;

/**
 * Bulk Data {@code $import}: NDJSON of fixture patients, served from a file host in the test, stores what the
 * transaction load of the same patients stores and derives the same transitions without a re-derivation;
 * what a bad line does; the import-source allow-list; the scope it needs; the audit of its kick-off.
 */
class BulkImportIT extends ServerTestBase {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern URN_UUID = Pattern.compile("urn:uuid:([0-9a-fA-F-]{36})");
    /** Ids of stored resources named in texts (e.g. "Not derived: … (CarePlan/123)"). */
    private static final Pattern RESOURCE_ID = Pattern.compile("\\b([A-Z][A-Za-z]+)/[A-Za-z0-9\\-.]{1,64}");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void anImportStoresWhatTransactionsStoreAndDerivesTheSameTransitions() throws Exception {
        Instant start = Instant.now();
        List<String> transactionCopies = new ArrayList<>();
        List<String> importCopies = new ArrayList<>();
        for (String bundle : fixtureBundles(5)) {
            transactionCopies.add(freshCopy(bundle));
            importCopies.add(freshCopy(bundle));
        }
        // Transaction load: the oracle.
        List<String> transactionIds = new ArrayList<>();
        List<String> transactionPatients = new ArrayList<>();
        for (String bundle : transactionCopies) {
            HttpResponse<String> response = http.post("/", bundle);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            for (Bundle.BundleEntryComponent entry : fhirContext
                    .newJsonParser()
                    .parseResource(Bundle.class, response.body())
                    .getEntry()) {
                IdType id = new IdType(entry.getResponse().getLocation());
                transactionIds.add(id.getIdPart());
                if ("Patient".equals(id.getResourceType())) {
                    transactionPatients.add(id.getIdPart());
                }
            }
        }
        // Import: one job per wave, one NDJSON file per type.
        Map<Integer, Map<String, String>> waves = NdjsonWaves.of(importCopies);
        assertThat(waves).as("the fixture has resources referencing others").hasSizeGreaterThan(1);
        String tag = UUID.randomUUID().toString();
        for (Map.Entry<Integer, Map<String, String>> wave : waves.entrySet()) {
            Map<String, String> inputs = new LinkedHashMap<>();
            wave.getValue()
                    .forEach((type, ndjson) -> inputs.put(
                            type,
                            NdjsonSource.get().publish(tag + "-" + wave.getKey() + "-" + type + ".ndjson", ndjson)));
            HttpResponse<String> done = awaitImport(kickOff(adminToken(), inputs));
            assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
            assertThat(done.body()).contains("Bulk Import Report");
        }
        List<String> importIds = new ArrayList<>();
        List<String> importPatients = new ArrayList<>();
        for (String bundle : importCopies) {
            for (JsonNode entry : MAPPER.readTree(bundle).path("entry")) {
                String id = entry.path("resource").path("id").asText();
                importIds.add(id);
                if ("Patient".equals(entry.path("resource").path("resourceType").asText())) {
                    importPatients.add(id);
                }
            }
        }
        Map<String, Long> expected = typesIn(transactionCopies);
        assertThat(storedTypes(transactionIds)).isEqualTo(expected);
        assertThat(storedTypes(importIds))
                .as("same resources per type as the transaction load")
                .isEqualTo(expected);

        // The transaction copies derived in full; the imported ones only through the incremental derivation.
        rederiveAndWait(transactionPatients);
        Map<Integer, String> oracle = new TreeMap<>();
        int transitions = 0;
        for (int i = 0; i < transactionPatients.size(); i++) {
            List<String> described = describeTransitions(transactionPatients.get(i));
            transitions += described.size();
            oracle.put(i, String.join("\n", described));
        }
        assertThat(transitions).as("the fixture patients have transitions").isPositive();
        Map<Integer, String> imported = new TreeMap<>();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        do {
            Thread.sleep(500);
            for (int i = 0; i < importPatients.size(); i++) {
                imported.put(i, String.join("\n", describeTransitions(importPatients.get(i))));
            }
        } while (!imported.equals(oracle) && Instant.now().isBefore(deadline));
        assertThat(imported).as("transitions derived from imported resources").isEqualTo(oracle);

        List<AuditEvent> audited = new AuditEventSearch(client, start).eventsFor("$import");
        assertThat(audited)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.getAction()).isEqualTo(AuditEvent.AuditEventAction.C));
    }

    @Test
    void aLineThatIsNotAResourceFailsItsChunkAndTheJob() throws Exception {
        String patient = client.create()
                .resource(new org.hl7.fhir.r4.model.Patient())
                .execute()
                .getId()
                .getIdPart();
        String before = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        String ndjson = observation(before, patient) + "\n{\"resourceType\":\"Observation\",\"status\":\n"
                + observation(after, patient) + "\n";
        String url = NdjsonSource.get().publish(UUID.randomUUID() + "-malformed.ndjson", ndjson);

        HttpResponse<String> done = awaitImport(kickOff(adminToken(), Map.of("Observation", url)));
        assertThat(done.statusCode()).isEqualTo(500);
        assertThat(outcome(done).getIssueFirstRep().getDiagnostics())
                .contains("FAILED")
                .contains("Failed to parse resource");
        // Never part of a chunk: the chunk is parsed whole before anything of it is written.
        assertThat(storedTypes(List.of(before, after))).isEmpty();
    }

    @Test
    void aResourceThatCannotBeStoredFailsAloneAndIsReported() throws Exception {
        String patient = client.create()
                .resource(new org.hl7.fhir.r4.model.Patient())
                .execute()
                .getId()
                .getIdPart();
        String first = UUID.randomUUID().toString();
        String dangling = UUID.randomUUID().toString();
        String last = UUID.randomUUID().toString();
        String ndjson = observation(first, patient) + "\n" + observation(dangling, "no-such-patient-" + dangling) + "\n"
                + observation(last, patient) + "\n";
        String url = NdjsonSource.get().publish(UUID.randomUUID() + "-dangling.ndjson", ndjson);

        HttpResponse<String> done = awaitImport(kickOff(adminToken(), Map.of("Observation", url)));
        assertThat(done.statusCode()).isEqualTo(500);
        String report = String.join(
                "\n",
                outcome(done).getIssue().stream()
                        .map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                        .toList());
        assertThat(report).contains("Errors:").contains(url).contains("no-such-patient-" + dangling);
        assertThat(storedTypes(List.of(first, dangling, last))).isEqualTo(Map.of("Observation", 2L));
    }

    @Test
    void sourcesOutsideTheAllowListAreRefusedBeforeAnythingIsFetched() throws Exception {
        for (String url : List.of(
                "http://169.254.169.254/latest/meta-data",
                "file:///etc/passwd",
                NdjsonSource.get().baseUrl().replace("/ndjson/", "/other/x.ndjson"),
                NdjsonSource.get().baseUrl() + "../other/x.ndjson",
                NdjsonSource.get().baseUrl().replace("http://localhost", "http://user@localhost") + "x.ndjson")) {
            HttpResponse<String> refused = kickOff(adminToken(), Map.of("Observation", url));
            assertThat(refused.statusCode()).as(url).isEqualTo(400);
            assertThat(outcome(refused).getIssueFirstRep().getDiagnostics()).contains("import");
        }
    }

    @Test
    void importNeedsASystemCreateScope() throws Exception {
        String url = NdjsonSource.get()
                .publish(
                        UUID.randomUUID() + "-empty.ndjson",
                        observation(UUID.randomUUID().toString(), "x") + "\n");
        assertThat(kickOff(null, Map.of("Observation", url)).statusCode()).isEqualTo(401);
        for (String scope :
                List.of("system/*.rs", "system/Observation.c", "user/*.cruds", "system/*.c?category=laboratory")) {
            HttpResponse<String> refused = kickOff(TestSecurity.get().token(scope, null), Map.of("Observation", url));
            assertThat(refused.statusCode()).as(scope).isEqualTo(403);
            assertThat(outcome(refused).getIssue()).isNotEmpty();
        }
        String patient = client.create()
                .resource(new org.hl7.fhir.r4.model.Patient())
                .execute()
                .getId()
                .getIdPart();
        String id = UUID.randomUUID().toString();
        String allowed = NdjsonSource.get().publish(UUID.randomUUID() + "-one.ndjson", observation(id, patient) + "\n");
        String creator = TestSecurity.get().token("system/*.c", null);
        HttpResponse<String> kickOff = kickOff(creator, Map.of("Observation", allowed));
        assertThat(kickOff.statusCode()).as(kickOff.body()).isEqualTo(202);
        String status = kickOff.headers().firstValue("Content-Location").orElseThrow();
        assertThat(get(status, TestSecurity.get().token("system/*.rs", null)).statusCode())
                .isEqualTo(403);
        assertThat(awaitImport(kickOff, creator).statusCode()).isEqualTo(200);
        assertThat(storedTypes(List.of(id))).isEqualTo(Map.of("Observation", 1L));
        // Only bulk-import jobs answer.
        assertThat(get(baseUrl() + "/$import-poll-status?_jobId=" + UUID.randomUUID(), adminToken())
                        .statusCode())
                .isEqualTo(404);
    }

    private static String observation(String id, String patient) {
        return "{\"resourceType\":\"Observation\",\"id\":\"" + id
                + "\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\","
                + "\"code\":\"8310-5\"}]},\"subject\":{\"reference\":\"Patient/" + patient
                + "\"},\"effectiveDateTime\":\"2021-01-01T00:00:00Z\","
                + "\"valueQuantity\":{\"value\":37,\"unit\":\"Cel\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"Cel\"}}";
    }

    private HttpResponse<String> kickOff(String token, Map<String, String> typeToUrl) throws Exception {
        Parameters manifest = new Parameters();
        manifest.addParameter().setName("inputFormat").setValue(new CodeType("application/fhir+ndjson"));
        manifest.addParameter()
                .setName("inputSource")
                .setValue(new UriType(NdjsonSource.get().baseUrl()));
        typeToUrl.forEach((type, url) -> {
            Parameters.ParametersParameterComponent input =
                    manifest.addParameter().setName("input");
            input.addPart().setName("type").setValue(new CodeType(type));
            input.addPart().setName("url").setValue(new UriType(url));
        });
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/$import"))
                .header("Content-Type", "application/fhir+json")
                .header("Accept", "application/fhir+json")
                .header("Prefer", "respond-async")
                .POST(HttpRequest.BodyPublishers.ofString(
                        fhirContext.newJsonParser().encodeResourceToString(manifest)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> awaitImport(HttpResponse<String> kickOff) throws Exception {
        return awaitImport(kickOff, adminToken());
    }

    /** Polls the status URL until the job is no longer running (up to 3 minutes). */
    private HttpResponse<String> awaitImport(HttpResponse<String> kickOff, String token) throws Exception {
        assertThat(kickOff.statusCode()).as(kickOff.body()).isEqualTo(202);
        String status = kickOff.headers().firstValue("Content-Location").orElseThrow();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        HttpResponse<String> response = get(status, token);
        while (response.statusCode() == 202 && Instant.now().isBefore(deadline)) {
            assertThat(response.headers().firstValue("X-Progress")).isPresent();
            Thread.sleep(300);
            response = get(status, token);
        }
        return response;
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "application/fhir+json")
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private OperationOutcome outcome(HttpResponse<String> response) {
        return fhirContext.newJsonParser().parseResource(OperationOutcome.class, response.body());
    }

    /** Stored (current) resources among the ids, counted per type. */
    private Map<String, Long> storedTypes(Collection<String> ids) {
        Map<String, Long> counts = new TreeMap<>();
        if (ids.isEmpty()) {
            return counts;
        }
        String placeholders = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        jdbc.query(
                "SELECT res_type, COUNT(*) FROM hfj_resource WHERE res_deleted_at IS NULL AND fhir_id IN ("
                        + placeholders + ") GROUP BY res_type",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                },
                ids.toArray());
        return counts;
    }

    private static Map<String, Long> typesIn(List<String> bundles) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        for (String bundle : bundles) {
            for (JsonNode entry : MAPPER.readTree(bundle).path("entry")) {
                counts.merge(entry.path("resource").path("resourceType").asText(), 1L, Long::sum);
            }
        }
        return counts;
    }

    /**
     * The patient's derived transition Observations and reasons for what was not derived, without what names
     * stored resources (ids, references, identifiers, meta, ids quoted in texts), which differ between the two
     * copies; sorted. Dates, values, codes and directions remain. The source resources in each TransitionBundle
     * are left out: of two measurements with the same time and value, derivation may cite either, depending on
     * their ids.
     */
    private List<String> describeTransitions(String patientId) throws IOException {
        Bundle result = client.operation()
                .onInstance(new IdType("Patient", patientId))
                .named("$transitions")
                .withNoParameters(Parameters.class)
                .returnResourceType(Bundle.class)
                .execute();
        List<String> described = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : result.getEntry()) {
            if (entry.getResource() instanceof OperationOutcome notDerived) {
                described.add(
                        canonical(MAPPER.readTree(fhirContext.newJsonParser().encodeResourceToString(notDerived))));
            } else if (entry.getResource() instanceof Bundle transition) {
                for (Bundle.BundleEntryComponent part : transition.getEntry()) {
                    if (part.getResource() instanceof Observation observation && isTransition(observation)) {
                        described.add(canonical(
                                MAPPER.readTree(fhirContext.newJsonParser().encodeResourceToString(observation))));
                    }
                }
            }
        }
        described.sort(String::compareTo);
        return described;
    }

    /** The derived Observation of a TransitionBundle (the bundle also carries its sources and Provenance). */
    private static boolean isTransition(Observation observation) {
        return observation.getExtension().stream().anyMatch(e -> e.getUrl().endsWith("/action-class"));
    }

    /**
     * The node without ids, references, identifiers, meta and time of answer, with ids quoted in texts replaced,
     * and every array's items in sorted order (answers list items in an order that may follow the ids).
     */
    private static String canonical(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(List.of("id", "meta", "reference", "identifier", "fullUrl", "text", "timestamp", "recorded"));
            Map<String, String> fields = new TreeMap<>();
            object.fields().forEachRemaining(field -> fields.put(field.getKey(), canonical(field.getValue())));
            return fields.toString();
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            items.sort(String::compareTo);
            return items.toString();
        }
        return RESOURCE_ID.matcher(node.asText()).replaceAll("$1/*");
    }

    /** The bundle with every Synthea uuid (ids, references, the Synthea identifier) replaced by a new one. */
    private static String freshCopy(String bundle) {
        Map<String, String> replacements = new HashMap<>();
        Matcher matcher = URN_UUID.matcher(bundle);
        while (matcher.find()) {
            replacements.computeIfAbsent(
                    matcher.group(1), old -> UUID.randomUUID().toString());
        }
        String copy = bundle;
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            copy = copy.replace(replacement.getKey(), replacement.getValue());
        }
        return copy;
    }

    private static List<String> fixtureBundles(int count) throws Exception {
        Path folder =
                Path.of(BulkImportIT.class.getResource("/fixtures/population").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json.gz"))
                    .sorted()
                    .limit(count)
                    .map(file -> {
                        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }
}
