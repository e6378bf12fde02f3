package org.transitionnet.server.transition;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads one patient's source records through HAPI's DAOs (so partitioning and indexes apply). */
public class PatientRecordLoader {

	private final DaoRegistry daos;

	public PatientRecordLoader(DaoRegistry daos) {
		this.daos = daos;
	}

	public PatientRecord load(String patientId) {
		List<Observation> observations = search(Observation.class, "subject", patientId).stream()
				.filter(o -> !DerivedResources.isDerived(o))
				.toList();
		List<MedicationRequest> requests = search(MedicationRequest.class, "subject", patientId);
		return new PatientRecord(
				patientId,
				observations,
				requests,
				search(CarePlan.class, "subject", patientId),
				search(Condition.class, "subject", patientId),
				search(AdverseEvent.class, "subject", patientId),
				medicationCodes(requests));
	}

	public boolean patientExists(String patientId) {
		try {
			daos.getResourceDao("Patient").read(new IdType("Patient", patientId), new SystemRequestDetails());
			return true;
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return false;
		}
	}

	private Map<String, CodeableConcept> medicationCodes(List<MedicationRequest> requests) {
		Map<String, CodeableConcept> codes = new HashMap<>();
		IFhirResourceDao<Medication> dao = daos.getResourceDao(Medication.class);
		for (MedicationRequest request : requests) {
			if (!request.hasMedicationReference() || !request.getMedicationReference().hasReference()) {
				continue;
			}
			String reference = request.getMedicationReference().getReference();
			if (reference.startsWith("#")) {
				request.getContained().stream()
						.filter(r -> r instanceof Medication && ("#" + r.getIdElement().getIdPart()).equals(reference))
						.findFirst().ifPresent(m -> codes.put(reference, ((Medication) m).getCode()));
				continue;
			}
			codes.computeIfAbsent(reference, ref -> {
				try {
					return dao.read(new IdType(ref), new SystemRequestDetails()).getCode();
				} catch (ResourceNotFoundException | ResourceGoneException e) {
					return null;
				}
			});
		}
		return codes;
	}

	@SuppressWarnings("unchecked")
	private <T extends IBaseResource> List<T> search(Class<T> type, String parameter, String patientId) {
		SearchParameterMap map = PatientSearches.allOfPatient(parameter, patientId);
		return (List<T>) (List<?>) daos.getResourceDao(type).search(map, new SystemRequestDetails()).getAllResources();
	}
}
