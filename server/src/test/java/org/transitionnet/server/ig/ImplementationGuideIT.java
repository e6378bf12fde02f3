package org.transitionnet.server.ig;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.support.ServerTestBase;

/**
 * The server knows its IG: conformance resources and operation definitions served, the CapabilityStatement
 * pointing at them, $validate against the profiles, enforcement on write.
 */
class ImplementationGuideIT extends ServerTestBase {

    private static final String CANONICAL = "http://transitionnet.org/fhir";
    private static final List<String> IG_OPERATIONS = List.of(
            "transitions",
            "trajectory",
            "rederive",
            "rederive-status",
            "research-export",
            "research-export-status",
            "research-export-file",
            "dataset-build",
            "dataset-build-status",
            "datasets",
            "dataset-card",
            "dataset-file",
            "evaluate",
            "leaderboard");
    private static final String STATE_OBSERVATION =
            "http://transitionnet.org/fhir/StructureDefinition/state-observation";

    @Test
    void profilesAreServedAndListedInTheCapabilityStatement() {
        Bundle found = client.search()
                .forResource(StructureDefinition.class)
                .where(StructureDefinition.URL.matches().value(STATE_OBSERVATION))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(found.getEntry()).hasSize(1);

        CapabilityStatement cs =
                client.capabilities().ofType(CapabilityStatement.class).execute();
        List<String> profiles = cs.getRestFirstRep().getResource().stream()
                .flatMap(r -> r.getSupportedProfile().stream())
                .map(UriType::getValue)
                .toList();
        assertThat(profiles)
                .contains(
                        STATE_OBSERVATION,
                        "http://transitionnet.org/fhir/StructureDefinition/transition-observation",
                        "http://transitionnet.org/fhir/StructureDefinition/intervention-medication-request");
    }

    @Test
    void theGuidesOperationDefinitionsAreServed() {
        for (String code : IG_OPERATIONS) {
            Bundle found = client.search()
                    .forResource(OperationDefinition.class)
                    .where(OperationDefinition.URL.matches().value(CANONICAL + "/OperationDefinition/" + code))
                    .returnBundle(Bundle.class)
                    .execute();
            assertThat(found.getEntry()).as(code).hasSize(1);
            OperationDefinition definition =
                    (OperationDefinition) found.getEntryFirstRep().getResource();
            assertThat(definition.getCode()).isEqualTo(code);
        }
        Bundle researchExport = client.search()
                .forResource(OperationDefinition.class)
                .where(OperationDefinition.URL.matches().value(CANONICAL + "/OperationDefinition/research-export"))
                .returnBundle(Bundle.class)
                .execute();
        OperationDefinition kickOff =
                (OperationDefinition) researchExport.getEntryFirstRep().getResource();
        assertThat(kickOff.getParameter())
                .filteredOn(p -> p.getName().equals("_since"))
                .singleElement()
                .satisfies(p -> assertThat(p.getType()).isEqualTo("instant"));
    }

    @Test
    void theCapabilityStatementNamesTheGuideAndItsOperations() {
        CapabilityStatement cs =
                client.capabilities().ofType(CapabilityStatement.class).execute();
        assertThat(cs.getImplementationGuide())
                .extracting(CanonicalType::getValue)
                .contains(CANONICAL + "/ImplementationGuide/transitionnet.fhir.ig");
        CapabilityStatement.CapabilityStatementRestComponent rest = cs.getRestFirstRep();
        assertThat(operationDefinitions(rest, "Patient"))
                .contains(
                        CANONICAL + "/OperationDefinition/transitions", CANONICAL + "/OperationDefinition/trajectory");
        assertThat(operationDefinitions(rest, "Group")).contains(CANONICAL + "/OperationDefinition/research-export");
        assertThat(rest.getOperation())
                .extracting(o -> o.getDefinition())
                .contains(
                        CANONICAL + "/OperationDefinition/rederive", CANONICAL + "/OperationDefinition/rederive-status",
                        CANONICAL + "/OperationDefinition/research-export",
                                CANONICAL + "/OperationDefinition/research-export-status",
                        CANONICAL + "/OperationDefinition/research-export-file",
                                CANONICAL + "/OperationDefinition/dataset-build",
                        CANONICAL + "/OperationDefinition/evaluate", CANONICAL + "/OperationDefinition/leaderboard");
    }

    private static List<String> operationDefinitions(
            CapabilityStatement.CapabilityStatementRestComponent rest, String type) {
        return rest.getResource().stream()
                .filter(r -> r.getType().equals(type))
                .flatMap(r -> r.getOperation().stream())
                .map(o -> o.getDefinition())
                .toList();
    }

    @Test
    void everyPackageExampleValidatesWithoutErrors() throws IOException {
        List<Resource> examples = packageExamples();
        assertThat(examples).hasSizeGreaterThanOrEqualTo(5);
        for (Resource example : examples) {
            for (var profile : example.getMeta().getProfile()) {
                assertThat(errors(validate(example, profile.getValue())))
                        .as(example.fhirType() + "/" + example.getIdElement().getIdPart() + " against "
                                + profile.getValue())
                        .isEmpty();
            }
        }
    }

    @Test
    void craftedInvalidInstancesFail() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../profiles/test-instances"))) {
            List<Path> instances =
                    files.filter(p -> p.toString().endsWith(".json")).toList();
            assertThat(instances).isNotEmpty();
            for (Path file : instances) {
                Resource instance = (Resource) fhirContext.newJsonParser().parseResource(Files.readString(file));
                String profile = instance.getMeta().getProfile().get(0).getValue();
                assertThat(errors(validate(instance, profile)))
                        .as(file.getFileName().toString())
                        .isNotEmpty();
            }
        }
    }

    @Test
    void invalidProfiledResourceIsRejectedOnWriteAndNothingIsStored() {
        String missingValue = """
				{"resourceType":"Observation","meta":{"profile":["%s"]},"status":"final",
				 "code":{"coding":[{"system":"http://loinc.org","code":"4548-4"}]},
				 "subject":{"reference":"Patient/does-not-matter"},"effectiveDateTime":"2021-01-01"}""".formatted(STATE_OBSERVATION);
        long before = storedVersions();

        HttpResponse<String> response = http.post("/Observation", missingValue);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        OperationOutcome outcome = fhirContext.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssue()).anyMatch(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR);
        assertThat(storedVersions()).isEqualTo(before);
    }

    private OperationOutcome validate(Resource resource, String profile) {
        // The raw resource with ?profile= (HAPI 8.8 mis-reads a profile passed as a Parameters valueUri).
        HttpResponse<String> response = http.post(
                "/" + resource.fhirType() + "/$validate?profile="
                        + java.net.URLEncoder.encode(profile, StandardCharsets.UTF_8),
                fhirContext.newJsonParser().encodeResourceToString(resource));
        return fhirContext.newJsonParser().parseResource(OperationOutcome.class, response.body());
    }

    private static List<String> errors(OperationOutcome outcome) {
        return outcome.getIssue().stream()
                .filter(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                        || i.getSeverity() == OperationOutcome.IssueSeverity.FATAL)
                .map(i -> i.getDiagnostics() + " @ " + i.getLocation())
                .toList();
    }

    private List<Resource> packageExamples() throws IOException {
        IParser parser = fhirContext.newJsonParser();
        List<Resource> examples = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/transitionnet/ig/package.tgz");
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.getName().startsWith("package/example/")
                        && entry.getName().endsWith(".json")
                        && !entry.getName().endsWith(".index.json")) {
                    IBaseResource resource =
                            parser.parseResource(new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                    examples.add((Resource) resource);
                }
            }
        }
        return examples;
    }
}
