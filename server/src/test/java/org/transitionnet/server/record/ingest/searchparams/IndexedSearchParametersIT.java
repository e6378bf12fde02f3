package org.transitionnet.server.record.ingest.searchparams;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.SearchParameter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.transitionnet.server.support.ServerTestBase;

/**
 * The index cuts (search/indexed-search-parameters.yaml) leave every search parameter the IG, the operations,
 * derivation, the export and SMART narrowing use working, one test per parameter, over the derived Synthea
 * population; a cut parameter answers 400 with an OperationOutcome, and a write stores no index rows for it.
 */
class IndexedSearchParametersIT extends ServerTestBase {

    private static final String DERIVED =
            "http://transitionnet.org/fhir/CodeSystem/transition-category|derived-observational-research";

    /** Values of one stored derived transition and its patient, the searches below look for. */
    private static Map<String, String> sample;

    @BeforeEach
    void sampleOfTheDerivedPopulation() {
        synchronized (IndexedSearchParametersIT.class) {
            if (sample != null) {
                return;
            }
            derivedPopulation();
            Bundle derived = client.search()
                    .byUrl("Observation?category=" + DERIVED + "&_count=50")
                    .returnBundle(Bundle.class)
                    .execute();
            Observation transition = derived.getEntry().stream()
                    .map(e -> (Observation) e.getResource())
                    .filter(o -> o.hasExtension("http://transitionnet.org/fhir/StructureDefinition/action-class")
                            && o.getComponent().stream()
                                    .anyMatch(c -> "direction"
                                            .equals(c.getCode()
                                                    .getCodingFirstRep()
                                                    .getCode())))
                    .findFirst()
                    .orElseThrow();
            String patient = transition.getSubject().getReference();
            Coding stateVariable = transition.getCode().getCoding().stream()
                    .filter(c -> c.getSystem().endsWith("/state-variable"))
                    .findFirst()
                    .orElseThrow();
            Coding actionClass = (Coding) transition
                    .getExtensionsByUrl("http://transitionnet.org/fhir/StructureDefinition/action-class")
                    .get(0)
                    .getValue();
            Coding direction = transition.getComponent().stream()
                    .filter(c ->
                            "direction".equals(c.getCode().getCodingFirstRep().getCode()))
                    .map(c -> c.getValueCodeableConcept().getCodingFirstRep())
                    .findFirst()
                    .orElseThrow();
            Extension rule = transition
                    .getExtensionsByUrl("http://transitionnet.org/fhir/StructureDefinition/mapping-rule")
                    .get(0);
            Observation source = (Observation) client.search()
                    .byUrl("Observation?subject=" + patient + "&category=laboratory,vital-signs&_count=1")
                    .returnBundle(Bundle.class)
                    .execute()
                    .getEntryFirstRep()
                    .getResource();
            // The committed fixtures carry no Encounter, Procedure or Immunization: one patient's worth is stored here.
            String visitor = "Patient/"
                    + client.create()
                            .resource(new Patient()
                                    .addIdentifier(new org.hl7.fhir.r4.model.Identifier()
                                            .setSystem("urn:test:index-cuts")
                                            .setValue(UUID.randomUUID().toString())))
                            .execute()
                            .getId()
                            .getIdPart();
            org.hl7.fhir.r4.model.Encounter visit = new org.hl7.fhir.r4.model.Encounter();
            visit.setStatus(org.hl7.fhir.r4.model.Encounter.EncounterStatus.FINISHED)
                    .setSubject(new Reference(visitor))
                    .setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
            String encounter = "Encounter/"
                    + client.create().resource(visit).execute().getId().getIdPart();
            Observation measured = new Observation()
                    .setStatus(Observation.ObservationStatus.FINAL)
                    .setCode(new CodeableConcept(new Coding("http://loinc.org", "8302-2", "Body height")))
                    .setSubject(new Reference(visitor))
                    .setEncounter(new Reference(encounter));
            client.create().resource(measured).execute();
            client.create()
                    .resource(new org.hl7.fhir.r4.model.Procedure()
                            .setStatus(org.hl7.fhir.r4.model.Procedure.ProcedureStatus.COMPLETED)
                            .setSubject(new Reference(visitor))
                            .setEncounter(new Reference(encounter)))
                    .execute();
            client.create()
                    .resource(new org.hl7.fhir.r4.model.Immunization()
                            .setStatus(org.hl7.fhir.r4.model.Immunization.ImmunizationStatus.COMPLETED)
                            .setVaccineCode(
                                    new CodeableConcept(new Coding("http://hl7.org/fhir/sid/cvx", "140", "Influenza")))
                            .setPatient(new Reference(visitor))
                            .setOccurrence(new org.hl7.fhir.r4.model.DateTimeType("2024-01-01")))
                    .execute();
            Map<String, String> values = new java.util.HashMap<>();
            values.put("{patient}", patient);
            values.put("{patientId}", new IdType(patient).getIdPart());
            values.put("{stateVariable}", stateVariable.getSystem() + "|" + stateVariable.getCode());
            values.put("{actionClass}", actionClass.getSystem() + "|" + actionClass.getCode());
            values.put("{direction}", direction.getSystem() + "|" + direction.getCode());
            values.put(
                    "{mappingVersion}",
                    String.valueOf(rule.getExtensionByUrl("catalogueVersion")
                            .getValue()
                            .primitiveValue()));
            values.put(
                    "{sourceCode}",
                    source.getCode().getCodingFirstRep().getSystem() + "|"
                            + source.getCode().getCodingFirstRep().getCode());
            values.put("{encounter}", encounter);
            values.put("{visitor}", visitor);
            sample = Map.copyOf(values);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                // The IG's own parameters and the examples of docs/ehr-integration.md (derived transitions).
                "Observation?category=" + DERIVED,
                "Observation?subject={patient}&category=" + DERIVED,
                "Observation?patient={patient}&category=" + DERIVED,
                "Observation?state-variable={stateVariable}",
                "Observation?action-class={actionClass}",
                "Observation?direction={direction}",
                "Observation?confidence=ge0",
                "Observation?mapping-version={mappingVersion}",
                // What derivation, the export and SMART patient scopes search source data with.
                "Observation?subject={patient}",
                "Observation?code={sourceCode}&subject={patient}",
                "Observation?category=laboratory&subject={patient}",
                "Observation?date=gt1900-01-01&subject={patient}",
                "Observation?status=final&subject={patient}",
                "Observation?encounter={encounter}",
                "MedicationRequest?subject={subjectOf:MedicationRequest}",
                "MedicationRequest?patient={subjectOf:MedicationRequest}",
                "CarePlan?subject={subjectOf:CarePlan}",
                "Condition?subject={subjectOf:Condition}",
                "Condition?patient={subjectOf:Condition}",
                "Encounter?patient={visitor}",
                "Procedure?patient={visitor}",
                "Immunization?patient={visitor}",
                "Patient?_id={patientId}",
            })
    void searchesTheServerReliesOnFindTheirResources(String query) {
        String url = query;
        for (Map.Entry<String, String> value : sample.entrySet()) {
            url = url.replace(value.getKey(), value.getValue());
        }
        java.util.regex.Matcher subjectOf =
                java.util.regex.Pattern.compile("\\{subjectOf:(\\w+)}").matcher(url);
        if (subjectOf.find()) {
            url = url.replace(subjectOf.group(), subjectOf(subjectOf.group(1)));
        }
        HttpResponse<String> response =
                http.get("/" + url.replace("|", "%7C") + (url.contains("?") ? "&" : "?") + "_summary=count");
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        assertThat(fhirContext
                        .newJsonParser()
                        .parseResource(Bundle.class, response.body())
                        .getTotal())
                .as(url)
                .isPositive();
    }

    /** The patient of any stored resource of the type (not every patient has every type). */
    private String subjectOf(String type) {
        org.hl7.fhir.r4.model.Resource any = client.search()
                .byUrl(type + "?_count=1")
                .returnBundle(Bundle.class)
                .execute()
                .getEntryFirstRep()
                .getResource();
        assertThat(any).as("a stored " + type).isNotNull();
        String element =
                fhirContext.getResourceDefinition(any).getChildByName("subject") != null ? "subject" : "patient";
        return fhirContext.newTerser().getSinglePrimitiveValueOrNull(any, element + ".reference");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "Observation?combo-code=http://loinc.org%7C8480-6",
                "Observation?component-code=http://loinc.org%7C8480-6",
                "Observation?value-string=abc",
                "Encounter?participant-type=ATND",
            })
    void aCutParameterIsRefusedWithAnOperationOutcome(String query) {
        HttpResponse<String> response = http.get("/" + query);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        OperationOutcome outcome = fhirContext.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssueFirstRep().getDiagnostics())
                .contains(query.substring(query.indexOf('?') + 1, query.indexOf('=')));
    }

    @Test
    void aWriteStoresNoIndexRowsForCutParameters() {
        Patient patient = (Patient) client.create()
                .resource(new Patient()
                        .addIdentifier(new org.hl7.fhir.r4.model.Identifier()
                                .setSystem("urn:test:index-cuts")
                                .setValue(UUID.randomUUID().toString())))
                .execute()
                .getResource();
        Observation bloodPressure = new Observation();
        bloodPressure.setStatus(Observation.ObservationStatus.FINAL);
        bloodPressure.setSubject(
                new Reference("Patient/" + patient.getIdElement().getIdPart()));
        bloodPressure.setCode(new CodeableConcept(new Coding("http://loinc.org", "85354-9", "Blood pressure panel")));
        bloodPressure
                .addComponent()
                .setCode(new CodeableConcept(new Coding("http://loinc.org", "8480-6", "Systolic")))
                .setValue(
                        new Quantity(120).setSystem("http://unitsofmeasure.org").setCode("mm[Hg]"));
        String id = client.create().resource(bloodPressure).execute().getId().getIdPart();

        List<String> indexed = jdbc.queryForList(
                "SELECT t.sp_name FROM hfj_spidx_token t JOIN hfj_resource r ON r.res_id = t.res_id "
                        + "WHERE r.res_type = 'Observation' AND r.fhir_id = ?",
                String.class,
                id);
        assertThat(indexed).contains("code", "status").doesNotContain("combo-code", "component-code");
    }

    @Test
    void theOverridesAreStoredSearchParametersTaggedAsCuts() {
        Bundle cuts = client.search()
                .forResource(SearchParameter.class)
                .withTag(SearchParameterCuts.TAG_SYSTEM, SearchParameterCuts.TAG_CODE)
                .count(500)
                .returnBundle(Bundle.class)
                .execute();

        assertThat(cuts.getEntry())
                .extracting(e -> ((SearchParameter) e.getResource()).getUrl())
                .contains("http://hl7.org/fhir/SearchParameter/Observation-combo-code");
    }
}
