package org.transitionnet.server.record.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.transitionnet.server.support.SyntheaFixtures.METFORMIN_PATIENT;
import static org.transitionnet.server.support.SyntheaFixtures.STATIN_PATIENT;

import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.support.ServerTestBase;
import org.transitionnet.server.support.SyntheaFixtures;

/** Synthea bundles pushed as transactions are stored whole and searchable (counts from fixtures/synthea/FACTS.md). */
class SyntheaFixtureLoadIT extends ServerTestBase {

    private static final String DERIVED =
            "http://transitionnet.org/fhir/CodeSystem/transition-category|derived-observational-research";

    private Map<String, String> patients;

    @BeforeEach
    void load() {
        patients = SyntheaFixtures.load(http, client);
    }

    @Test
    void everyResourceOfThePatientBundleIsStored() {
        String id = patients.get(METFORMIN_PATIENT);
        // Derived transitions are Observations too; the source count excludes them.
        assertThat(count("Observation?subject=Patient/" + id + "&category:not=" + DERIVED))
                .isEqualTo(264);
        assertThat(count("MedicationRequest?subject=Patient/" + id)).isEqualTo(29);
        assertThat(count("Condition?subject=Patient/" + id)).isEqualTo(31);
        assertThat(count("CarePlan?subject=Patient/" + id)).isEqualTo(2);
        assertThat(count("Encounter?subject=Patient/" + id)).isEqualTo(24);
        assertThat(count("Organization?_summary=count")).isGreaterThanOrEqualTo(8);
    }

    @Test
    void observationSearchByPatientCodeAndDate() {
        String id = patients.get(METFORMIN_PATIENT);
        Bundle hba1c = client.search()
                .forResource(Observation.class)
                .where(Observation.SUBJECT.hasId("Patient/" + id))
                .and(Observation.CODE.exactly().systemAndCode("http://loinc.org", "4548-4"))
                .and(Observation.DATE.afterOrEquals().day("2020-01-01"))
                .and(Observation.DATE.before().day("2022-01-01"))
                .count(100)
                .returnBundle(Bundle.class)
                .execute();
        // FACTS.md: HbA1c 7.51 % on 2020-06-08 and 6.01 % on 2021-06-14 fall in 2020–2021.
        assertThat(hba1c.getEntry()).hasSize(2);
        assertThat(hba1c.getEntry())
                .extracting(e -> ((Observation) e.getResource())
                        .getValueQuantity()
                        .getValue()
                        .toPlainString())
                .containsExactlyInAnyOrder("7.51", "6.01");
    }

    @Test
    void medicationRequestAndCarePlanByPatient() {
        String statinPatient = patients.get(STATIN_PATIENT);
        Bundle simvastatin = client.search()
                .forResource(MedicationRequest.class)
                .where(MedicationRequest.PATIENT.hasId(statinPatient))
                .and(MedicationRequest.CODE
                        .exactly()
                        .systemAndCode("http://www.nlm.nih.gov/research/umls/rxnorm", "314231"))
                .count(100)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(simvastatin.getEntry()).hasSize(6);

        Bundle carePlans = client.search()
                .forResource(CarePlan.class)
                .where(CarePlan.PATIENT.hasId(statinPatient))
                .count(100)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(carePlans.getEntry()).hasSize(4);
    }

    private int count(String query) {
        String url =
                query.contains("_summary=count") ? query : query + (query.contains("?") ? "&" : "?") + "_summary=count";
        return client.search().byUrl(url).returnBundle(Bundle.class).execute().getTotal();
    }
}
