package org.transitionnet.server.record.patient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/**
 * Everything derivation reads about one patient. Source resources only: derived transition
 * Observations are never part of it.
 *
 * @param actions         resources of every action kind of the catalogue (MedicationRequest, CarePlan, Procedure ...)
 * @param medicationCodes codes of Medication resources that actions reference, by reference
 */
public record PatientRecord(
        String patientId,
        List<Observation> observations,
        List<Resource> actions,
        List<Condition> conditions,
        List<AdverseEvent> adverseEvents,
        Map<String, CodeableConcept> medicationCodes) {

    /** A record whose actions are prescriptions and care plans. */
    public PatientRecord(
            String patientId,
            List<Observation> observations,
            List<MedicationRequest> medicationRequests,
            List<CarePlan> carePlans,
            List<Condition> conditions,
            List<AdverseEvent> adverseEvents,
            Map<String, CodeableConcept> medicationCodes) {
        this(
                patientId,
                observations,
                concat(medicationRequests, carePlans),
                conditions,
                adverseEvents,
                medicationCodes);
    }

    private static List<Resource> concat(List<? extends Resource> a, List<? extends Resource> b) {
        List<Resource> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
