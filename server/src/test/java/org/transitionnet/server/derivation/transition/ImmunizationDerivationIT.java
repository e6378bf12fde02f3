package org.transitionnet.server.derivation.transition;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.ig.TransitionVocabulary;
import org.transitionnet.server.support.ServerTestBase;

/**
 * The Immunization action kind end to end over HTTP: the golden influenza-vaccination timeline (test resource
 * golden-timelines/influenza-vaccination.json) stored as an EHR would, the measurements first and the Immunizations
 * afterwards, so that only an Immunization's {@code patient} reference (the catalogue's patient reference of the kind)
 * can start the incremental derivation and only a search by {@code patient} can find it. The transition points at the
 * vaccination in {@code partOf} and conforms to the IG, as does the transition bundle holding the Immunization.
 */
class ImmunizationDerivationIT extends ServerTestBase {

    private static final String DERIVED =
            TransitionVocabulary.CS_CATEGORY + "|" + TransitionVocabulary.CATEGORY_DERIVED;

    @Test
    void immunizationsStoredByAnEhrBecomeTransitionsFoundThroughTheirPatientReference() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String patientId = "p-flu-" + suffix;
        Bundle golden;
        try (var in = getClass().getResourceAsStream("/golden-timelines/influenza-vaccination.json")) {
            golden = fhirContext.newJsonParser().parseResource(Bundle.class, in);
        }
        List<Resource> resources = golden.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .toList();
        store(resources.stream().filter(r -> !(r instanceof Immunization)).toList(), suffix);
        rederiveAndWait(List.of(patientId));
        assertThat(transitionsOf(patientId)).as("no action yet").isEmpty();

        store(resources.stream().filter(r -> r instanceof Immunization).toList(), suffix);

        awaitTrue(() -> !transitionsOf(patientId).isEmpty(), Duration.ofSeconds(120));
        List<Observation> transitions = transitionsOf(patientId);
        assertThat(transitions).hasSize(1);
        Observation transition = transitions.get(0);
        // The completed vaccination; the not-done one and the Td vaccine (a code no class owns) are no part of it.
        assertThat(transition.getPartOf())
                .extracting(Reference::getReference)
                .containsExactly("Immunization/flu-1-" + suffix);
        assertThat(transition.getBasedOn()).isEmpty();
        assertThat(transition.getCode().getCoding()).anySatisfy(c -> {
            assertThat(c.getSystem()).isEqualTo(TransitionVocabulary.CS_STATE_VARIABLE);
            assertThat(c.getCode()).isEqualTo("body-weight");
        });
        assertThat(transition.getComponent()).anySatisfy(c -> {
            assertThat(c.getCode().getCodingFirstRep().getCode()).isEqualTo("direction");
            assertThat(c.getValueCodeableConcept().getCodingFirstRep().getCode())
                    .isEqualTo("unchanged");
        });
        assertValid(transition, TransitionVocabulary.TRANSITION_OBSERVATION_PROFILE);

        Bundle result = client.operation()
                .onInstance(new IdType("Patient", patientId))
                .named("$transitions")
                .withNoParameters(Parameters.class)
                .returnResourceType(Bundle.class)
                .useHttpGet()
                .execute();
        List<Bundle> bundles = result.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof Bundle)
                .map(r -> (Bundle) r)
                .toList();
        assertThat(bundles).hasSize(1);
        assertThat(bundles.get(0).getEntry())
                .extracting(e -> e.getResource().fhirType())
                .contains("Immunization");
        assertValid(bundles.get(0), TransitionVocabulary.TRANSITION_BUNDLE_PROFILE);
    }

    private void store(List<Resource> resources, String suffix) {
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Resource resource : resources) {
            Resource copy = resource.copy();
            String id = copy.getIdElement().getIdPart() + "-" + suffix;
            copy.setId(id);
            transaction
                    .addEntry()
                    .setFullUrl(copy.fhirType() + "/" + id)
                    .setResource(copy)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.PUT)
                    .setUrl(copy.fhirType() + "/" + id);
        }
        String encoded = fhirContext
                .newJsonParser()
                .encodeResourceToString(transaction)
                .replace("\"Patient/p-flu\"", "\"Patient/p-flu-" + suffix + "\"");
        HttpResponse<String> stored = http.post("", encoded);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
    }

    private List<Observation> transitionsOf(String patientId) {
        Bundle bundle = client.search()
                .byUrl("Observation?subject=Patient/" + patientId + "&category=" + DERIVED + "&_count=500")
                .returnBundle(Bundle.class)
                .execute();
        return bundle.getEntry().stream()
                .map(e -> (Observation) e.getResource())
                .toList();
    }

    private void assertValid(Resource resource, String profile) {
        HttpResponse<String> response = http.post(
                "/" + resource.fhirType() + "/$validate?profile=" + URLEncoder.encode(profile, StandardCharsets.UTF_8),
                fhirContext.newJsonParser().encodeResourceToString(resource));
        OperationOutcome outcome = fhirContext.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssue().stream()
                        .filter(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                                || i.getSeverity() == OperationOutcome.IssueSeverity.FATAL)
                        .map(i -> i.getDiagnostics() + " @ " + i.getLocation())
                        .toList())
                .as(resource.fhirType() + " against " + profile)
                .isEmpty();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline) && !condition.getAsBoolean()) {
            Thread.sleep(500);
        }
        assertThat(condition.getAsBoolean())
                .as("transition derived from the stored immunizations within " + timeout)
                .isTrue();
    }
}
