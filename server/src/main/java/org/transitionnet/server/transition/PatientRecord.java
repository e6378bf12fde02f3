package org.transitionnet.server.transition;

import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;

import java.util.List;
import java.util.Map;

/**
 * Everything derivation reads about one patient. Source resources only: derived transition
 * Observations are never part of it.
 *
 * @param medicationCodes codes of Medication resources that MedicationRequests reference, by reference
 */
public record PatientRecord(
		String patientId,
		List<Observation> observations,
		List<MedicationRequest> medicationRequests,
		List<CarePlan> carePlans,
		List<Condition> conditions,
		List<AdverseEvent> adverseEvents,
		Map<String, CodeableConcept> medicationCodes) {
}
