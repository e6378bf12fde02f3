package org.transitionnet.server.record.facts;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.transitionnet.server.derivation.transition.DerivationResult;
import org.transitionnet.server.derivation.transition.Transition;
import org.transitionnet.server.derivation.transition.TransitionDeriver;
import org.transitionnet.server.record.patient.PatientRecordLoader;
import org.transitionnet.server.support.ResearchExportClient;
import org.transitionnet.server.support.ServerTestBase;
import org.transitionnet.server.support.SmallTimeline;
import org.transitionnet.server.support.SyntheaFixtures;
import org.transitionnet.server.support.SyntheaPopulation;

/**
 * The clinical-fact projection: written with every source change in the same transaction, equal to
 * what full records give (the old full-history path is the oracle), rebuilt to the same facts, and
 * the only thing readers read.
 */
class FactProjectionIT extends ServerTestBase {

    private static final Set<String> SOURCE_TYPES =
            Set.of("Observation", "MedicationRequest", "CarePlan", "Condition", "AdverseEvent");

    @Autowired
    private FactStore facts;

    @Autowired
    private FactRebuilder rebuilder;

    @Autowired
    private PatientRecordLoader loader;

    @Autowired
    private TransitionDeriver deriver;

    @Autowired
    private IHapiTransactionService transactions;

    @Autowired
    private IInterceptorService interceptors;

    @Test
    void factsGiveWhatFullRecordsGive() {
        List<String> patients =
                new ArrayList<>(SyntheaFixtures.load(http, client).values());
        SyntheaPopulation.load(http, client, fhirContext).stream().limit(20).forEach(m -> patients.add(m.serverId()));
        int transitions = 0;
        for (String patientId : patients) {
            DerivationResult fromRecord =
                    transactions.withSystemRequest().readOnly().execute(() -> deriver.derive(loader.load(patientId)));
            DerivationResult fromFacts = deriver.derive(facts.read(patientId));
            assertThat(describe(fromFacts)).as("patient " + patientId).isEqualTo(describe(fromRecord));
            transitions += fromRecord.transitions().size();
        }
        assertThat(transitions).as("transitions compared").isGreaterThan(10);
    }

    @Test
    void aRebuildGivesTheFactsIncrementalWritesGave() {
        String patientId = SyntheaFixtures.load(http, client).get(SyntheaFixtures.METFORMIN_PATIENT);
        String incremental = describe(facts.read(patientId));
        jdbc.update("UPDATE tn_fact_patient SET catalogue_version = 'older' WHERE patient_id = ?", patientId);
        assertThat(facts.isCurrent(patientId)).isFalse();
        transactions.withSystemRequest().execute(() -> {
            rebuilder.rebuild(patientId);
            return null;
        });
        assertThat(facts.isCurrent(patientId)).isTrue();
        assertThat(describe(facts.read(patientId))).isEqualTo(incremental);
    }

    @Test
    void factsFollowCreatesUpdatesAndDeletes() {
        String patientId =
                client.create().resource(new Patient()).execute().getId().getIdPart();
        assertThat(facts.isCurrent(patientId))
                .as("a new patient has no history to rebuild")
                .isTrue();
        Instant start = Instant.parse("2021-03-01T09:00:00Z");
        IdType baseline = (IdType) client.create()
                .resource(SmallTimeline.hba1c(patientId, start.minus(Duration.ofDays(10)), 8.2))
                .execute()
                .getId();
        IdType order = (IdType) client.create()
                .resource(SmallTimeline.metformin(patientId, start))
                .execute()
                .getId();
        Condition condition = new Condition();
        condition.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/" + patientId));
        condition.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "44054006", "Diabetes")));
        condition.setOnset(new DateTimeType(Date.from(start.plus(Duration.ofDays(5)))));
        IdType conditionId =
                (IdType) client.create().resource(condition).execute().getId();
        // Not covered by the catalogue: no fact.
        Observation other = SmallTimeline.hba1c(patientId, start, 1);
        other.getCode().getCodingFirstRep().setCode("8310-5");
        client.create().resource(other).execute();

        PatientFacts written = facts.read(patientId);
        assertThat(written.measurements())
                .singleElement()
                .satisfies(m -> assertThat(m.value()).isEqualByComparingTo("8.2"));
        assertThat(written.actions())
                .singleElement()
                .satisfies(a -> assertThat(a.actionClass()).isEqualTo("metformin"));
        assertThat(written.events())
                .singleElement()
                .satisfies(e -> assertThat(e.source()).isEqualTo("Condition/" + conditionId.getIdPart()));

        Observation changed = client.read()
                .resource(Observation.class)
                .withId(baseline.toUnqualifiedVersionless())
                .execute();
        changed.setValue(new Quantity()
                .setValue(7.9)
                .setUnit("%")
                .setSystem("http://unitsofmeasure.org")
                .setCode("%"));
        client.update().resource(changed).execute();
        assertThat(facts.read(patientId).measurements())
                .singleElement()
                .satisfies(m -> assertThat(m.value()).isEqualByComparingTo("7.9"));

        changed = client.read()
                .resource(Observation.class)
                .withId(baseline.toUnqualifiedVersionless())
                .execute();
        changed.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
        client.update().resource(changed).execute();
        assertThat(facts.read(patientId).measurements()).isEmpty();

        MedicationRequest stopped = client.read()
                .resource(MedicationRequest.class)
                .withId(order.toUnqualifiedVersionless())
                .execute();
        stopped.setStatus(MedicationRequest.MedicationRequestStatus.ENTEREDINERROR);
        client.update().resource(stopped).execute();
        assertThat(facts.read(patientId).actions()).isEmpty();

        client.delete().resourceById(conditionId.toUnqualifiedVersionless()).execute();
        assertThat(facts.read(patientId).events()).isEmpty();
    }

    @Test
    void aRolledBackTransactionLeavesNoFacts() {
        String patientId =
                client.create().resource(new Patient()).execute().getId().getIdPart();
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction
                .addEntry()
                .setResource(SmallTimeline.hba1c(patientId, Instant.parse("2020-01-01T00:00:00Z"), 6.5))
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Observation");
        Observation broken = SmallTimeline.hba1c("does-not-exist", Instant.parse("2020-02-01T00:00:00Z"), 6.6);
        transaction
                .addEntry()
                .setResource(broken)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Observation");
        int status = http.post("/", fhirContext.newJsonParser().encodeResourceToString(transaction))
                .statusCode();
        assertThat(status).isBetween(400, 499);
        assertThat(facts.read(patientId).measurements()).isEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM tn_fact_measurement WHERE patient_id = ?", Integer.class, patientId))
                .isZero();
    }

    @Test
    void readersReadStoredDataOnly() throws Exception {
        java.util.Map<String, String> fixtures = SyntheaFixtures.load(http, client);
        rederiveAndWait(fixtures.values());
        String patientId = fixtures.get(SyntheaFixtures.METFORMIN_PATIENT);
        SourceSearchCounter counter = new SourceSearchCounter();
        interceptors.registerInterceptor(counter);
        try {
            // The counter sees the searches a full read makes (else the check below could not fail).
            transactions.withSystemRequest().readOnly().execute(() -> loader.load(patientId));
            assertThat(counter.searches.get()).isPositive();
            counter.searches.set(0);
            counter.seen.clear();

            assertThat(http.get("/Patient/" + patientId + "/$transitions").statusCode())
                    .isEqualTo(200);
            assertThat(http.get("/Patient/" + patientId + "/$trajectory").statusCode())
                    .isEqualTo(200);
            new ResearchExportClient(baseUrl()).run("/$research-export?_k=1");
        } finally {
            interceptors.unregisterInterceptor(counter);
        }
        assertThat(counter.searches)
                .as("searches of source resources while reading: " + counter.seen)
                .hasValue(0);
    }

    /**
     * Counts searches through a patient's source history (by subject or patient), what derivation does;
     * searches of stored transitions (derived category) and reads of named resources by {@code _id} are reading.
     */
    @Interceptor
    public static class SourceSearchCounter {
        final AtomicInteger searches = new AtomicInteger();
        final List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());

        @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
        public void search(SearchParameterMap map, ca.uhn.fhir.rest.server.util.ICachedSearchDetails details) {
            String type = details.getResourceType();
            if (SOURCE_TYPES.contains(type)
                    && !map.containsKey("category")
                    && (map.containsKey("subject") || map.containsKey("patient"))) {
                searches.incrementAndGet();
                seen.add(type + map.toNormalizedQueryString(null));
            }
        }
    }

    private static String describe(DerivationResult result) {
        List<String> lines = new ArrayList<>();
        for (Transition t : result.transitions()) {
            lines.add(t.id() + " " + t.variable().id() + " " + t.episode().anchor() + " "
                    + t.episode().start() + ".." + t.episode().end()
                    + " " + t.episode().sources() + " " + t.baseline().source() + "="
                    + t.baseline().value() + "@" + t.baseline().time()
                    + " " + t.followUp().source() + "=" + t.followUp().value() + "@"
                    + t.followUp().time() + " d=" + t.delta()
                    + " " + t.direction() + " c=" + t.confidence() + " co="
                    + t.coInterventions().stream().map(e -> e.anchor()).toList()
                    + " ae="
                    + t.adverseEvents().stream()
                            .map(e -> e.reference()
                                    + e.code().getCoding().stream()
                                            .map(Coding::getCode)
                                            .toList())
                            .toList());
        }
        result.notDerived()
                .forEach(n -> lines.add("not " + n.episodeAnchor() + " " + n.actionClass() + " " + n.stateVariable()
                        + ": " + n.reason()));
        return String.join("\n", lines);
    }

    private static String describe(PatientFacts f) {
        Set<String> lines = new TreeSet<>();
        f.measurements()
                .forEach(
                        m -> lines.add("m " + m.variable().id() + " " + m.time() + " " + m.value() + " " + m.source()));
        f.actions()
                .forEach(a -> lines.add("a " + a.source() + " " + a.actionClass() + " " + a.start() + " " + a.end()
                        + " " + a.status() + " " + a.dosage() + " "
                        + a.codes().stream()
                                .map(c -> c.getSystem() + "|" + c.getCode())
                                .collect(Collectors.joining(","))));
        f.events()
                .forEach(e -> lines.add("e " + e.source() + " " + e.time() + " "
                        + e.codes().stream()
                                .map(c -> c.getSystem() + "|" + c.getCode())
                                .collect(Collectors.joining(","))));
        return String.join("\n", lines);
    }
}
