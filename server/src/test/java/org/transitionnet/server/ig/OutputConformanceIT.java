package org.transitionnet.server.ig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.utilities.validation.ValidationMessage.IssueSeverity;
import org.junit.jupiter.api.Test;
import org.transitionnet.ig.validation.Hl7ValidationEngine;
import org.transitionnet.server.support.ServerTestBase;
import org.transitionnet.server.support.SyntheaFixtures;

/**
 * Every kind of resource the server produces from the Synthea fixtures passes the HL7 validator (the
 * CLI's own engine, offline, against R4 core and the built IG package) with no error: derived
 * TransitionObservations and their Provenance, {@code $transitions} results and the TransitionBundles in
 * them, {@code $trajectory}, the OperationDefinitions and the CapabilityStatement.
 *
 * <p>Two kinds of finding are not the server's and cannot be settled offline, so each is excused only
 * where it is narrowly that: (1) the US Core and Synthea definitions (extensions, code systems) used by
 * the <em>source</em> resources a TransitionBundle embeds as evidence, verbatim, and which are
 * published only on packages.fhir.org; the resources the server authors must not use them; (2) media
 * type codes (BCP 13), which the validator can check only with a terminology server; each such code is
 * checked here to be a registered media type instead.
 */
class OutputConformanceIT extends ServerTestBase {

    private static final List<String> SOURCE_ONLY_DEFINITIONS =
            List.of("http://hl7.org/fhir/us/core/", "http://synthetichealth.github.io/synthea/");

    private static final List<String> UNRESOLVED_DEFINITION =
            List.of("Extension_EXT_Unknown_NotHere", "Type_Specific_Checks_DT_URL_Resolve");

    private static final Pattern QUOTED_CODE = Pattern.compile("code '([^']+)'|value provided \\('([^']+)'\\)");

    private static Map<String, List<String>> outputs;

    @Test
    void transitionObservationsAreValid() {
        assertValid("TransitionObservation", false);
    }

    @Test
    void theirProvenanceIsValid() {
        assertValid("Provenance", false);
    }

    @Test
    void transitionsResultsAndTheirBundlesAreValid() {
        assertValid("$transitions", true);
        assertValid("TransitionBundle", true);
    }

    @Test
    void trajectoriesAreValid() {
        assertValid("$trajectory", false);
    }

    @Test
    void operationDefinitionsAreValid() {
        assertValid("OperationDefinition", false);
    }

    @Test
    void capabilityStatementIsValid() {
        assertValid("CapabilityStatement", false);
    }

    private void assertValid(String kind, boolean embedsSourceResources) {
        List<String> resources = outputs().get(kind);
        assertThat(resources).as("%s produced from the fixtures", kind).isNotEmpty();
        List<String> errors = new ArrayList<>();
        for (String json : resources) {
            for (ValidationMessage m : Hl7ValidationEngine.messages(json)) {
                if ((m.getLevel() == IssueSeverity.ERROR || m.getLevel() == IssueSeverity.FATAL)
                        && !(embedsSourceResources && isSourceOnlyDefinition(m))
                        && !isMediaTypeUncheckedOffline(m)) {
                    errors.add(m.getMessageId() + " at " + m.getLocation() + ": " + m.getMessage());
                }
            }
        }
        assertThat(errors)
                .as("HL7 validator errors in %d %s", resources.size(), kind)
                .isEmpty();
        System.out.printf("HL7 validator: %d %s, 0 errors%n", resources.size(), kind);
    }

    private static boolean isSourceOnlyDefinition(ValidationMessage m) {
        return UNRESOLVED_DEFINITION.contains(m.getMessageId())
                && SOURCE_ONLY_DEFINITIONS.stream()
                        .anyMatch(namespace -> m.getMessage().contains(namespace));
    }

    private static boolean isMediaTypeUncheckedOffline(ValidationMessage m) {
        if (!m.getMessage().contains("ValueSet/mimetypes") && !m.getMessage().contains("'MimeType'")) {
            return false;
        }
        Matcher code = QUOTED_CODE.matcher(m.getMessage());
        if (!code.find()) {
            return false;
        }
        return StandardCapabilityStatement.isMediaType(code.group(1) != null ? code.group(1) : code.group(2));
    }

    /** Loads and derives the fixtures and collects every output once, for all the tests of the class. */
    private Map<String, List<String>> outputs() {
        synchronized (OutputConformanceIT.class) {
            if (outputs == null) {
                outputs = collect();
            }
            return outputs;
        }
    }

    private Map<String, List<String>> collect() {
        Map<String, String> patients = SyntheaFixtures.load(http, client);
        rederiveAndWait(patients.values());
        Map<String, List<String>> collected = new LinkedHashMap<>();
        for (String patient : patients.values()) {
            List<String> observations = resources(
                    http.get("/Observation?subject=Patient/" + patient + "&category=" + TransitionVocabulary.CS_CATEGORY
                            + "%7C" + TransitionVocabulary.CATEGORY_DERIVED + "&_count=500"));
            add(collected, "TransitionObservation", observations);
            for (String observation : observations) {
                String id = fhirContext
                        .newJsonParser()
                        .parseResource(observation)
                        .getIdElement()
                        .getIdPart();
                add(collected, "Provenance", resources(http.get("/Provenance?target=Observation/" + id)));
            }
            HttpResponse<String> transitions = http.get("/Patient/" + patient + "/$transitions");
            assertThat(transitions.statusCode()).isEqualTo(200);
            add(collected, "$transitions", List.of(transitions.body()));
            add(
                    collected,
                    "TransitionBundle",
                    resources(transitions).stream()
                            .filter(json -> json.startsWith("{\"resourceType\":\"Bundle\""))
                            .toList());
            HttpResponse<String> trajectory = http.get("/Patient/" + patient + "/$trajectory");
            assertThat(trajectory.statusCode()).isEqualTo(200);
            add(collected, "$trajectory", List.of(trajectory.body()));
        }
        add(collected, "OperationDefinition", resources(http.get("/OperationDefinition?_count=100")));
        add(collected, "CapabilityStatement", List.of(http.get("/metadata").body()));
        write(collected);
        return collected;
    }

    /** Leaves the outputs in target/conformance-outputs, to check with the validator CLI too (docs/ehr-integration.md, "Implementation Guide and validation"). */
    private static void write(Map<String, List<String>> collected) {
        Path folder = Path.of("target", "conformance-outputs");
        try {
            Files.createDirectories(folder);
            for (Map.Entry<String, List<String>> kind : collected.entrySet()) {
                for (int i = 0; i < kind.getValue().size(); i++) {
                    Files.writeString(
                            folder.resolve(kind.getKey().replace("$", "") + "-" + (i + 1) + ".json"),
                            kind.getValue().get(i));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(Map<String, List<String>> outputs, String kind, List<String> jsons) {
        List<String> ofKind = outputs.computeIfAbsent(kind, k -> new ArrayList<>());
        jsons.stream().filter(json -> !ofKind.contains(json)).forEach(ofKind::add);
    }

    /** The resources of a search Bundle's or an operation result's entries. */
    private List<String> resources(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, response.body());
        List<String> out = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource != null) {
                out.add(fhirContext.newJsonParser().encodeResourceToString(resource));
            }
        }
        return out;
    }
}
