package org.transitionnet.server.derivation.transition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.transitionnet.server.support.SmallTimeline.hba1c;
import static org.transitionnet.server.support.SmallTimeline.metformin;
import static org.transitionnet.server.support.SyntheaFixtures.CONTROL_PATIENT;
import static org.transitionnet.server.support.SyntheaFixtures.METFORMIN_PATIENT;
import static org.transitionnet.server.support.SyntheaFixtures.STATIN_PATIENT;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.ig.TransitionVocabulary;
import org.transitionnet.server.record.patient.DerivedResources;
import org.transitionnet.server.support.ServerTestBase;
import org.transitionnet.server.support.SyntheaFixtures;

/** Derivation end to end on PostgreSQL: Synthea data, the Batch2 job, incremental updates, the operations. */
class TransitionDerivationIT extends ServerTestBase {

    private static final String DERIVED =
            TransitionVocabulary.CS_CATEGORY + "|" + TransitionVocabulary.CATEGORY_DERIVED;
    private Map<String, String> patients;

    @BeforeEach
    void load() {
        patients = SyntheaFixtures.load(http, client);
    }

    @Test
    void syntheaPatientsGetGlucoseLoweringAndStatinTransitionsThatConformToTheIg() {
        rederiveAndWait(patients.values());

        List<Observation> metformin = transitionsOf(patients.get(METFORMIN_PATIENT));
        assertThat(metformin).anySatisfy(t -> {
            assertThat(stateVariable(t)).isEqualTo("hba1c");
            assertThat(actionClasses(t)).contains("metformin", "glucose-lowering");
        });
        List<Observation> statin = transitionsOf(patients.get(STATIN_PATIENT));
        assertThat(statin).anySatisfy(t -> {
            assertThat(stateVariable(t)).isEqualTo("ldl-cholesterol");
            assertThat(actionClasses(t)).contains("simvastatin");
        });
        assertThat(transitionsOf(patients.get(CONTROL_PATIENT)))
                .noneMatch(t -> Set.of("hba1c", "ldl-cholesterol").contains(stateVariable(t)));

        for (Observation t : concat(metformin, statin)) {
            assertValid(t, TransitionVocabulary.TRANSITION_OBSERVATION_PROFILE);
            Provenance provenance = provenanceOf(t);
            assertValid(provenance, TransitionVocabulary.TRANSITION_PROVENANCE_PROFILE);
            for (Provenance.ProvenanceEntityComponent entity : provenance.getEntity()) {
                assertExists(entity.getWhat().getReference());
            }
            provenance.getTarget().forEach(target -> assertExists(target.getReference()));
            t.getDerivedFrom().forEach(source -> assertExists(source.getReference()));
            t.getBasedOn().forEach(action -> assertExists(action.getReference()));
        }
    }

    @Test
    void transitionsOperationReturnsTransitionBundlesThatConformToTheIg() {
        String patientId = patients.get(METFORMIN_PATIENT);
        rederiveAndWait(List.of(patientId));

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
        assertThat(bundles).isNotEmpty();
        assertThat(result.getTotal()).isEqualTo(bundles.size());
        for (Bundle bundle : bundles) {
            assertValid(bundle, TransitionVocabulary.TRANSITION_BUNDLE_PROFILE);
            assertThat(bundle.getEntry())
                    .extracting(e -> e.getResource().fhirType())
                    .contains("Observation", "Provenance");
        }
        OperationOutcome outcome = (OperationOutcome) result.getEntry().stream()
                .filter(e -> e.getResource() instanceof OperationOutcome)
                .findFirst()
                .orElseThrow()
                .getResource();
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("not medical advice");
    }

    @Test
    void transitionsOperationFiltersByVariableAndRejectsUnknownDirections() {
        String patientId = patients.get(METFORMIN_PATIENT);
        rederiveAndWait(List.of(patientId));

        HttpResponse<String> hba1cOnly = http.get("/Patient/" + patientId + "/$transitions?variable=hba1c");
        Bundle result = fhirContext.newJsonParser().parseResource(Bundle.class, hba1cOnly.body());
        List<Observation> transitions = result.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof Bundle)
                .flatMap(b -> ((Bundle) b).getEntry().stream())
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof Observation o && DerivedResources.isDerived(o))
                .map(r -> (Observation) r)
                .toList();
        assertThat(transitions)
                .isNotEmpty()
                .allSatisfy(t -> assertThat(stateVariable(t)).isEqualTo("hba1c"));
        assertThat(transitions.size()).isLessThan(transitionsOf(patientId).size());

        HttpResponse<String> bad = http.get("/Patient/" + patientId + "/$transitions?direction=sideways");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("OperationOutcome").contains("sideways");
        assertThat(http.get("/Patient/does-not-exist/$transitions").statusCode())
                .isEqualTo(404);
    }

    @Test
    void transitionsAreSearchableByTheIgSearchParameters() {
        String patientId = patients.get(METFORMIN_PATIENT);
        rederiveAndWait(List.of(patientId));

        assertThat(search("Observation?subject=Patient/" + patientId + "&state-variable="
                        + TransitionVocabulary.CS_STATE_VARIABLE + "|hba1c"))
                .isNotEmpty()
                .allSatisfy(t -> assertThat(stateVariable(t)).isEqualTo("hba1c"));
        assertThat(search("Observation?subject=Patient/" + patientId + "&action-class="
                        + TransitionVocabulary.CS_ACTION_CLASS + "|glucose-lowering"))
                .isNotEmpty()
                .allSatisfy(t -> assertThat(actionClasses(t)).contains("glucose-lowering"));
        List<Observation> all = transitionsOf(patientId);
        String someDirection = direction(all.get(0));
        assertThat(search("Observation?subject=Patient/" + patientId + "&direction=" + TransitionVocabulary.CS_DIRECTION
                        + "|" + someDirection))
                .isNotEmpty()
                .allSatisfy(t -> assertThat(direction(t)).isEqualTo(someDirection));
    }

    @Test
    void rederivingTwiceKeepsIdsAndWritesNoNewVersions() {
        String patientId = patients.get(STATIN_PATIENT);
        rederiveAndWait(List.of(patientId));
        Map<String, String> first = versionsById(transitionsOf(patientId));
        rederiveAndWait(List.of(patientId));
        Map<String, String> second = versionsById(transitionsOf(patientId));

        assertThat(first).isNotEmpty();
        assertThat(second).isEqualTo(first);
    }

    /**
     * The Procedure action kind end to end: the golden dialysis timeline (test resource golden-timelines/dialysis.json)
     * stored through the REST API as one transaction is derived incrementally into one transition that points at
     * the episode's procedures in {@code partOf}; the not-done session and the colonoscopy are no part of it.
     */
    @Test
    void proceduresStoredByAnEhrBecomeTransitionsLikePrescriptions() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String json;
        try (var in = getClass().getResourceAsStream("/golden-timelines/dialysis.json")) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Bundle golden = fhirContext.newJsonParser().parseResource(Bundle.class, json);
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Bundle.BundleEntryComponent entry : golden.getEntry()) {
            Resource resource = entry.getResource();
            String id = resource.getIdElement().getIdPart() + "-" + suffix;
            resource.setId(id);
            transaction
                    .addEntry()
                    .setFullUrl(resource.fhirType() + "/" + id)
                    .setResource(resource)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.PUT)
                    .setUrl(resource.fhirType() + "/" + id);
        }
        String encoded = fhirContext
                .newJsonParser()
                .encodeResourceToString(transaction)
                .replace("\"Patient/p-dialysis\"", "\"Patient/p-dialysis-" + suffix + "\"");
        HttpResponse<String> stored = http.post("", encoded);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        String patientId = "p-dialysis-" + suffix;

        awaitTrue(
                "transition derived from the stored procedures",
                () -> !transitionsOf(patientId).isEmpty(),
                Duration.ofSeconds(120));
        List<Observation> transitions = transitionsOf(patientId);
        assertThat(transitions).hasSize(1);
        Observation transition = transitions.get(0);
        // The episode is the three completed sessions; the not-done session and the colonoscopy are no part of it.
        assertThat(transition.getPartOf())
                .extracting(Reference::getReference)
                .containsExactly(
                        "Procedure/dialysis-1-" + suffix,
                        "Procedure/dialysis-2-" + suffix,
                        "Procedure/dialysis-3-" + suffix);
        assertThat(transition.getBasedOn()).isEmpty();
        assertThat(direction(transition)).isEqualTo("improved");
    }

    @Test
    void followUpObservationCreatesTheTransitionAndDeletingItRemovesIt() {
        Instant start = Instant.parse("2022-01-10T10:00:00Z");
        Patient patient = new Patient();
        patient.addName().setFamily("Incremental");
        String patientId = client.create().resource(patient).execute().getId().getIdPart();
        client.create()
                .resource(hba1c(patientId, start.minus(20, ChronoUnit.DAYS), 8.4))
                .execute();
        client.create().resource(metformin(patientId, start)).execute();

        rederiveAndWait(List.of(patientId));
        assertThat(transitionsOf(patientId))
                .as("no transition without a follow-up measurement")
                .isEmpty();

        String followUpId = client.create()
                .resource(hba1c(patientId, start.plus(95, ChronoUnit.DAYS), 7.3))
                .execute()
                .getId()
                .toUnqualifiedVersionless()
                .getValue();
        awaitTrue(
                "transition derived from the new follow-up",
                () -> transitionsOf(patientId).stream()
                        .anyMatch(t -> t.getDerivedFrom().stream()
                                .anyMatch(r -> r.getReference().equals(followUpId))),
                Duration.ofSeconds(90));
        Observation derived = transitionsOf(patientId).get(0);
        assertThat(direction(derived)).isEqualTo("improved");

        client.delete().resourceById(new IdType(followUpId)).execute();
        awaitTrue(
                "transition removed with its follow-up",
                () -> transitionsOf(patientId).isEmpty(),
                Duration.ofSeconds(90));
    }

    @Test
    void patientWithMoreObservationsThanOnePageIsDerived() {
        Instant start = Instant.parse("2020-03-01T08:00:00Z");
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patientUrn = "urn:uuid:" + java.util.UUID.randomUUID();
        Patient patient = new Patient();
        patient.addName().setFamily("Long-history");
        tx.addEntry()
                .setFullUrl(patientUrn)
                .setResource(patient)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient");
        // More HbA1c measurements than the server's largest search page (500), all long before the action.
        for (int i = 0; i < 620; i++) {
            Observation o = hba1c("x", start.minus(400 + i, ChronoUnit.DAYS), 7.0);
            o.setSubject(new Reference(patientUrn));
            tx.addEntry()
                    .setResource(o)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Observation");
        }
        for (Object[] m : new Object[][] {{-10, 8.4}, {120, 7.3}}) {
            Observation o = hba1c("x", start.plus((Integer) m[0], ChronoUnit.DAYS), (Double) m[1]);
            o.setSubject(new Reference(patientUrn));
            tx.addEntry()
                    .setResource(o)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Observation");
        }
        MedicationRequest request = metformin("x", start);
        request.setSubject(new Reference(patientUrn));
        tx.addEntry()
                .setResource(request)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("MedicationRequest");
        Bundle response = client.transaction().withBundle(tx).execute();
        String patientId = new IdType(response.getEntryFirstRep().getResponse().getLocation()).getIdPart();

        rederiveAndWait(List.of(patientId));

        assertThat(transitionsOf(patientId))
                .singleElement()
                .satisfies(t -> assertThat(direction(t)).isEqualTo("improved"));
    }

    @Test
    void trajectoryShowsSeriesInterventionsAndTransitions() {
        String patientId = patients.get(METFORMIN_PATIENT);
        rederiveAndWait(List.of(patientId));

        Parameters trajectory = client.operation()
                .onInstance(new IdType("Patient", patientId))
                .named("$trajectory")
                .withNoParameters(Parameters.class)
                .useHttpGet()
                .execute();

        List<Parameters.ParametersParameterComponent> variables = trajectory.getParameter().stream()
                .filter(p -> p.getName().equals("variable"))
                .toList();
        Parameters.ParametersParameterComponent hba1c = variables.stream()
                .filter(v -> ((Coding) v.getPart().get(0).getValue()).getCode().equals("hba1c"))
                .findFirst()
                .orElseThrow();
        assertThat(hba1c.getPart().stream().filter(p -> p.getName().equals("point")))
                .hasSize(10);
        assertThat(trajectory.getParameter()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo("intervention");
            assertThat(((Coding) p.getPart().get(0).getValue()).getCode()).isEqualTo("metformin");
        });
        assertThat(trajectory.getParameter()).anyMatch(p -> p.getName().equals("transition"));
        assertThat(trajectory.getParameter()).anyMatch(p -> p.getName().equals("disclaimer"));
    }

    @Test
    void rederiveStatusReportsUnknownJobs() {
        HttpResponse<String> response = http.get("/$rederive-status?jobId=no-such-job");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("OperationOutcome");
    }

    // --- helpers

    private List<Observation> transitionsOf(String patientId) {
        return search("Observation?subject=Patient/" + patientId + "&category=" + DERIVED);
    }

    private List<Observation> search(String url) {
        Bundle bundle = client.search()
                .byUrl(url + "&_count=500")
                .returnBundle(Bundle.class)
                .execute();
        return bundle.getEntry().stream()
                .map(e -> (Observation) e.getResource())
                .toList();
    }

    private Provenance provenanceOf(Observation transition) {
        Bundle bundle = client.search()
                .byUrl("Provenance?target=Observation/"
                        + transition.getIdElement().getIdPart())
                .returnBundle(Bundle.class)
                .execute();
        assertThat(bundle.getEntry()).hasSize(1);
        return (Provenance) bundle.getEntryFirstRep().getResource();
    }

    private void assertValid(Resource resource, String profile) {
        HttpResponse<String> response = http.post(
                "/" + resource.fhirType() + "/$validate?profile="
                        + java.net.URLEncoder.encode(profile, java.nio.charset.StandardCharsets.UTF_8),
                fhirContext.newJsonParser().encodeResourceToString(resource));
        OperationOutcome outcome = fhirContext.newJsonParser().parseResource(OperationOutcome.class, response.body());
        List<String> errors = outcome.getIssue().stream()
                .filter(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                        || i.getSeverity() == OperationOutcome.IssueSeverity.FATAL)
                .map(i -> i.getDiagnostics() + " @ " + i.getLocation())
                .toList();
        assertThat(errors)
                .as(resource.fhirType() + "/" + resource.getIdElement().getIdPart() + " against " + profile)
                .isEmpty();
    }

    private void assertExists(String reference) {
        HttpResponse<String> response = http.get("/" + reference);
        assertThat(response.statusCode()).as(reference).isEqualTo(200);
    }

    private static String stateVariable(Observation t) {
        return t.getCode().getCoding().stream()
                .filter(c -> TransitionVocabulary.CS_STATE_VARIABLE.equals(c.getSystem()))
                .findFirst()
                .orElseThrow()
                .getCode();
    }

    private static List<String> actionClasses(Observation t) {
        return t.getExtensionsByUrl(TransitionVocabulary.EXT_ACTION_CLASS).stream()
                .map(e -> ((Coding) e.getValue()).getCode())
                .toList();
    }

    private static String direction(Observation t) {
        return t.getComponent().stream()
                .filter(c -> c.getCode().getCodingFirstRep().getCode().equals("direction"))
                .findFirst()
                .orElseThrow()
                .getValueCodeableConcept()
                .getCodingFirstRep()
                .getCode();
    }

    private static Map<String, String> versionsById(List<Observation> transitions) {
        return transitions.stream()
                .collect(Collectors.toMap(
                        o -> o.getIdElement().getIdPart(), o -> o.getMeta().getVersionId()));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static void awaitTrue(String what, Supplier<Boolean> condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.get()) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertThat(condition.get()).as(what + " within " + timeout).isTrue();
    }
}
