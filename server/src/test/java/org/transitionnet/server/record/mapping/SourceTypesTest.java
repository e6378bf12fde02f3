package org.transitionnet.server.record.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

/** The watched source types follow the catalogue's action kinds. */
class SourceTypesTest {

    private final SourceTypes types = new SourceTypes(
            new MappingCatalogLoader(new DefaultResourceLoader()).load("classpath:transitionnet/mappings/"));

    @Test
    void everyActionKindsResourceTypeIsASource() {
        assertThat(types.all())
                .containsExactlyInAnyOrder(
                        "Observation",
                        "Condition",
                        "AdverseEvent",
                        "MedicationRequest",
                        "CarePlan",
                        "Procedure",
                        "Immunization");
        assertThat(types.isAction("Procedure")).isTrue();
        assertThat(types.isAction("Observation")).isFalse();
    }

    @Test
    void thePatientOfASourceIsItsSubject() {
        Procedure p = new Procedure();
        p.setSubject(new Reference("Patient/42"));
        assertThat(types.patientsOf(p)).containsExactly("42");
        Encounter e = new Encounter();
        e.setSubject(new Reference("Patient/42"));
        assertThat(types.patientsOf(e)).isEmpty();
        p.setSubject(new Reference("Group/7"));
        assertThat(types.patientsOf(p)).isEmpty();
    }

    @Test
    void thePatientOfAnImmunizationIsItsPatientAsTheCatalogueSays() {
        assertThat(types.patientReferenceOf("Immunization")).isEqualTo("patient");
        assertThat(types.patientReferenceOf("Procedure")).isEqualTo("subject");
        Immunization i = new Immunization();
        i.setPatient(new Reference("Patient/43"));
        assertThat(types.patientsOf(i)).containsExactly("43");
    }
}
