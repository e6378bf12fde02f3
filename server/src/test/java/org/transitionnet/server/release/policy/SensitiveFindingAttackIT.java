package org.transitionnet.server.release.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.transitionnet.server.product.benchmark.Split;
import org.transitionnet.server.product.benchmark.dataset.DatasetStore;
import org.transitionnet.server.product.benchmark.dataset.SubjectKeys;
import org.transitionnet.server.product.benchmark.task.TaskCatalog;
import org.transitionnet.server.support.BenchmarkFamilyKeys;
import org.transitionnet.server.support.DatasetBuildClient;
import org.transitionnet.server.support.ResearchExportClient;
import org.transitionnet.server.support.ServerTestBase;
import org.transitionnet.server.support.SmallTimeline;

/**
 * The sensitive-finding attack: Synthea, like many EHRs, records social circumstances as Conditions, and a new
 * Condition during a transition's follow-up used to be released as its adverse event. Patients with intimate-partner
 * abuse, a drug overdose or a criminal record recorded a month after starting metformin are released by a research
 * export and a benchmark dataset build; neither may say so, in any research record, bundle or dataset label, while
 * a clinical adverse event (acute bronchitis) recorded the same way is still released.
 */
class SensitiveFindingAttackIT extends ServerTestBase {

    private static final String TEST_KEY = "test-only-deid-key-IT-0123456789abcdef";
    private static final String SNOMED = "http://snomed.info/sct";
    private static final String TASK = "glucose-lowering-hba1c";
    /** Victim of intimate partner abuse, drug overdose, has a criminal record: what must not be released. */
    private static final List<String> SENSITIVE = List.of("706893006", "55680006", "266948004");
    /** Acute bronchitis: a clinical adverse event, released. */
    private static final String CLINICAL = "10509002";

    private static final int PATIENTS = 16;
    private static Map<String, String> findingOf;
    private static ResearchExportClient.Export export;
    private static String datasetId;

    @Autowired
    private DatasetStore store;

    @Autowired
    private TaskCatalog tasks;

    @BeforeEach
    void patientsWithFindingsNearAnIntervention() throws Exception {
        if (findingOf != null) {
            return;
        }
        Map<String, String> findings = new HashMap<>();
        Group group = new Group().setType(Group.GroupType.PERSON).setActual(true);
        for (int i = 0; i < PATIENTS; i++) {
            // One class: same sex and birth year, no address; a quarter with a clinical event, the rest a sensitive
            // one.
            String code = i % 4 == 3 ? CLINICAL : SENSITIVE.get(i % 4);
            String patientId = client.create()
                    .resource(new Patient()
                            .setGender(Enumerations.AdministrativeGender.FEMALE)
                            .setBirthDateElement(new DateType("1961-05-01")))
                    .execute()
                    .getId()
                    .getIdPart();
            Instant start = Instant.parse("2021-02-01T09:00:00Z").plus(Duration.ofDays(7L * i));
            client.create()
                    .resource(SmallTimeline.hba1c(patientId, start.minus(Duration.ofDays(20)), 8.4 + i * 0.1))
                    .execute();
            client.create().resource(SmallTimeline.metformin(patientId, start)).execute();
            client.create()
                    .resource(condition(patientId, code, start.plus(Duration.ofDays(30))))
                    .execute();
            client.create()
                    .resource(SmallTimeline.hba1c(patientId, start.plus(Duration.ofDays(95)), 7.3 + i * 0.05))
                    .execute();
            findings.put(patientId, code);
            group.addMember().setEntity(new Reference("Patient/" + patientId));
        }
        rederiveAndWait(findings.keySet());
        String groupId = client.create().resource(group).execute().getId().getIdPart();
        export = new ResearchExportClient(baseUrl()).run("/Group/" + groupId + "/$research-export?_k=2");
        assertThat(export.lines("ResearchTransition"))
                .as("one record per patient")
                .hasSize(PATIENTS);
        datasetId = new DatasetBuildClient(baseUrl(), adminToken())
                .build("task=" + TASK + "&_k=1&_minHeldOutSubjects=1")
                .path("datasetId")
                .asText();
        findingOf = findings;
    }

    private static Condition condition(String patientId, String code, Instant onset) {
        Condition c = new Condition();
        c.setSubject(new Reference("Patient/" + patientId));
        c.setCode(new CodeableConcept(new Coding(SNOMED, code, null)));
        c.setClinicalStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
        c.setVerificationStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", null)));
        c.setOnset(new DateTimeType(Date.from(onset)));
        return c;
    }

    @Test
    void noSensitiveFindingIsReleasedAsAnAdverseEventOfAResearchRecordOrBundle() {
        List<String> released = new ArrayList<>(export.lines("ResearchTransition"));
        released.addAll(export.lines("Bundle"));
        assertThat(export.lines("Bundle")).isNotEmpty();
        for (String line : released) {
            for (String code : SENSITIVE) {
                assertThat(line).as("a released line names finding %s", code).doesNotContain(code);
            }
        }
        // The clinical event is still an adverse event: the class holds subjects with and without one.
        assertThat(String.join("\n", export.lines("ResearchTransition"))).contains(CLINICAL);
    }

    @Test
    void theDisclosureReportListsTheWithheldCategories() {
        JsonNode sensitive = export.disclosure().path("adverseEvents");
        assertThat(sensitive.path("withheldCategories").toString())
                .contains("substance-use", "abuse-and-violence", "legal-social");
        assertThat(sensitive.path("withheld").asInt()).isEqualTo(PATIENTS - PATIENTS / 4);
        assertThat(sensitive.path("l").asInt()).isEqualTo(2);
    }

    @Test
    void noDatasetLabelSaysASensitiveFindingFollowed() {
        String family = store.version(datasetId).orElseThrow().familyId();
        SubjectKeys keys = BenchmarkFamilyKeys.keys(TEST_KEY, family, tasks.splitRule());
        Map<Long, String> codeOfSubject = new HashMap<>();
        findingOf.forEach((patientId, code) -> codeOfSubject.put(keys.subjectId(keys.subject(patientId)), code));
        int labelled = 0;
        int clinicalEvents = 0;
        for (Split split : List.of(Split.TRAIN, Split.TUNING)) {
            String path = "tasks/" + TASK + "/" + split.code() + ".ndjson";
            String file = new String(store.file(datasetId, path).orElseThrow(), StandardCharsets.UTF_8);
            for (String line : file.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode r = DatasetBuildClient.json(line);
                String code = codeOfSubject.get(r.path("subjectId").asLong());
                if (code == null || !r.has("label")) {
                    continue;
                }
                labelled++;
                boolean adverseEvent = r.path("label").path("adverseEvent").asBoolean(false);
                if (SENSITIVE.contains(code)) {
                    assertThat(adverseEvent)
                            .as("label of a subject whose only new condition is %s", code)
                            .isFalse();
                } else if (adverseEvent) {
                    clinicalEvents++;
                }
            }
        }
        assertThat(labelled).as("planted subjects released with labels").isGreaterThan(3);
        assertThat(clinicalEvents + labelled).isPositive();
    }

    @Test
    void theSyntheaPopulationReleasesClinicalAdverseEventsOnlyAndSaysWhatItWithheld() throws Exception {
        List<org.transitionnet.server.support.SyntheaPopulation.Member> members = derivedPopulation();
        Group group = new Group().setType(Group.GroupType.PERSON).setActual(true);
        members.forEach(m -> group.addMember().setEntity(new Reference("Patient/" + m.serverId())));
        String groupId = client.create().resource(group).execute().getId().getIdPart();
        ResearchExportClient.Export population =
                new ResearchExportClient(baseUrl()).run("/Group/" + groupId + "/$research-export?_k=3");
        org.transitionnet.catalogue.MappingCatalogue catalog =
                new org.transitionnet.catalogue.CatalogueLoader().loadPackaged();
        int released = 0;
        for (String line : population.lines("ResearchTransition")) {
            for (JsonNode event : DatasetBuildClient.json(line).path("adverseEventClass")) {
                for (JsonNode coding : event.path("coding")) {
                    released++;
                    assertThat(catalog.categoryOfCondition(
                                            coding.path("system").asText(),
                                            coding.path("code").asText())
                                    .map(org.transitionnet.catalogue.ConditionCategory::id))
                            .as("released adverse event %s", coding)
                            .contains("clinical");
                }
            }
        }
        JsonNode events = population.disclosure().path("adverseEvents");
        // The figures of this population, for the record.
        System.out.println("==> adverse events of the population export: " + released + " released codings; " + events);
        assertThat(events.path("withheld").asInt())
                .as("the population has sensitive findings in follow-ups")
                .isPositive();
        if (events.hasNonNull("smallestL")) {
            assertThat(events.path("smallestL").asInt()).isGreaterThanOrEqualTo(2);
        }
    }
}
