package org.transitionnet.server.support;

import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/** Hand-made source resources for small timelines: HbA1c measurements and a metformin order. */
public final class SmallTimeline {

    private SmallTimeline() {}

    public static Observation hba1c(String patientId, Instant when, double value) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.getCode().addCoding(new Coding("http://loinc.org", "4548-4", "Hemoglobin A1c"));
        o.setSubject(new Reference("Patient/" + patientId));
        o.setEffective(new DateTimeType(Date.from(when)));
        o.setValue(new Quantity()
                .setValue(value)
                .setUnit("%")
                .setSystem("http://unitsofmeasure.org")
                .setCode("%"));
        return o;
    }

    public static MedicationRequest metformin(String patientId, Instant when) {
        MedicationRequest m = new MedicationRequest();
        m.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        m.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        m.setMedication(
                new CodeableConcept(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", "860975", "Metformin")));
        m.setSubject(new Reference("Patient/" + patientId));
        m.setAuthoredOn(Date.from(when));
        return m;
    }
}
