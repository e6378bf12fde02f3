package org.transitionnet.server.product.export.job;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.derivation.transition.EpisodeBuilder;
import org.transitionnet.server.derivation.transition.Transition;
import org.transitionnet.server.derivation.transition.TransitionDeriver;
import org.transitionnet.server.ig.TransitionVocabulary;
import org.transitionnet.server.record.mapping.ActionClassifier;
import org.transitionnet.server.record.mapping.MappingCatalogLoader;
import org.transitionnet.server.record.mapping.ObservationClassifier;
import org.transitionnet.server.record.mapping.UnitConverter;
import org.transitionnet.server.record.patient.PatientRecord;
import org.transitionnet.server.release.deid.DeidEngine;
import org.transitionnet.server.release.deid.DeidKey;
import org.transitionnet.server.release.deid.DeidRuleSet;
import org.transitionnet.server.release.deid.SyntheaSource;

/** Research records of the Synthea fixture patients, derived with the packaged mapping catalogue. */
class ResearchRecordTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();
    private static final Pattern CALENDAR_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    static final List<Derived> DERIVED = new ArrayList<>();
    static MappingCatalogue catalog;

    record Derived(
            SyntheaSource.PatientFile file,
            org.transitionnet.server.record.facts.PatientFacts record,
            List<Transition> transitions) {}

    @BeforeAll
    static void derive() {
        catalog = new MappingCatalogLoader(new DefaultResourceLoader()).load("classpath:transitionnet/mappings/");
        TransitionDeriver deriver = new TransitionDeriver(
                catalog,
                new ObservationClassifier(catalog, new UnitConverter()),
                new EpisodeBuilder(new ActionClassifier(catalog), 30, 400));
        for (SyntheaSource.PatientFile file : SyntheaSource.patients(CTX)) {
            PatientRecord record = record(file);
            DERIVED.add(new Derived(
                    file,
                    deriver.extractor().fromRecord(record),
                    deriver.derive(record).transitions()));
        }
    }

    static PatientRecord record(SyntheaSource.PatientFile file) {
        List<Observation> obs = new ArrayList<>();
        List<MedicationRequest> requests = new ArrayList<>();
        List<CarePlan> plans = new ArrayList<>();
        List<Condition> conditions = new ArrayList<>();
        List<AdverseEvent> events = new ArrayList<>();
        Map<String, CodeableConcept> medications = new HashMap<>();
        for (Resource r : file.resources()) {
            if (r instanceof Observation o) obs.add(o);
            if (r instanceof MedicationRequest m) requests.add(m);
            if (r instanceof CarePlan c) plans.add(c);
            if (r instanceof Condition c) conditions.add(c);
            if (r instanceof AdverseEvent a) events.add(a);
            if (r instanceof Medication m)
                medications.put("Medication/" + m.getIdElement().getIdPart(), m.getCode());
        }
        return new PatientRecord(file.patientId(), obs, requests, plans, conditions, events, medications);
    }

    static DeidEngine engine(String key) throws Exception {
        try (InputStream in = ResearchRecordTest.class.getResourceAsStream("/deid/default-rules.yaml")) {
            return new DeidEngine(
                    CTX,
                    DeidRuleSet.read(in),
                    DeidKey.of(key),
                    365,
                    LocalDate.of(2026, 1, 1),
                    java.time.Instant.parse("2030-06-15T12:34:56Z"));
        }
    }

    static List<ResearchRecord> records(DeidEngine engine) {
        ResearchRecordFactory factory = new ResearchRecordFactory(engine, catalog);
        List<ResearchRecord> out = new ArrayList<>();
        for (Derived d : DERIVED) {
            LocalDate born = d.file()
                    .patient()
                    .getBirthDate()
                    .toInstant()
                    .atZone(ZoneOffset.UTC)
                    .toLocalDate();
            for (Transition t : d.transitions()) {
                // Through the stored form, as the export reads it.
                org.transitionnet.server.derivation.transition.StoredTransition stored =
                        org.transitionnet.server.derivation.transition.StoredTransition.read(
                                new org.transitionnet.server.derivation.transition.TransitionResourceFactory(catalog)
                                        .observation(t));
                out.add(factory.record(
                        stored, d.record(), born, d.file().patient().getGender().toCode()));
            }
        }
        return out;
    }

    @Test
    void recordsFollowTheLogicalModelWithOffsetsNotDates() throws Exception {
        List<ResearchRecord> records = records(engine("test-only-deid-key-A-0123456789abcdef"));
        assertThat(records).hasSizeGreaterThan(1);
        for (ResearchRecord r : records) {
            JsonNode j = r.json();
            for (String field : List.of(
                    "subjectPseudonym",
                    "ageBand",
                    "action",
                    "stateVariable",
                    "baseline",
                    "followUp",
                    "delta",
                    "direction",
                    "intervalDays",
                    "confidence",
                    "mappingVersion",
                    "observationalDataStatement")) {
                assertThat(j.has(field)).as(field).isTrue();
            }
            assertThat(j.path("observationalDataStatement").asText()).isEqualTo(TransitionVocabulary.DISCLAIMER);
            assertThat(j.path("action").path("class").size()).isPositive();
            assertThat(j.path("ageBand").asText()).matches("\\d+-\\d+|90\\+");
            assertThat(j.path("followUp").path("dayOffset").asLong()
                            - j.path("baseline").path("dayOffset").asLong())
                    .as("the day offsets span delta t")
                    .isEqualTo(j.path("intervalDays").asLong());
            assertThat(CALENDAR_DATE.matcher(j.toString()).find())
                    .as("no calendar date in " + j)
                    .isFalse();
        }
    }

    @Test
    void intervalsEqualTheSourceIntervals() throws Exception {
        List<ResearchRecord> records = records(engine("test-only-deid-key-A-0123456789abcdef"));
        int i = 0;
        for (Derived d : DERIVED) {
            for (Transition t : d.transitions()) {
                JsonNode j = records.get(i++).json();
                assertThat(j.path("intervalDays").asLong()).isEqualTo(t.intervalDays());
                assertThat(j.path("baseline").path("dayOffset").asLong()).isEqualTo(t.baselineDayOffset());
                assertThat(j.path("subjectPseudonym").asText())
                        .doesNotContain(d.file().patientId());
            }
        }
    }

    @Test
    void csvHasTheSameRecordsAndQuotesText() throws Exception {
        List<ResearchRecord> records = records(engine("test-only-deid-key-A-0123456789abcdef"));
        String line = ResearchCsv.line(records.get(0).json());
        assertThat(ResearchCsv.header().split(",")).hasSize(26);
        assertThat(line).startsWith(records.get(0).subject() + ",");
        assertThat(line).endsWith("\"" + TransitionVocabulary.DISCLAIMER.replace("\"", "\"\"") + "\"");
        assertThat(ResearchCsv.quote("a\"b")).isEqualTo("\"a\"\"b\"");
    }
}
