package org.transitionnet.server.record.patient;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.transitionnet.server.fhir.StoredResources;

/** Reads one patient's source records through HAPI's DAOs (so partitioning and indexes apply). */
public class PatientRecordLoader {

    private final DaoRegistry daos;
    private final Map<String, String> actionTypes;

    /**
     * @param actionTypes the resource types of the catalogue's action kinds, each with the search parameter of its
     *                    patient reference ({@code subject} unless the kind names another, e.g. {@code patient})
     */
    public PatientRecordLoader(DaoRegistry daos, Map<String, String> actionTypes) {
        this.daos = daos;
        this.actionTypes = new LinkedHashMap<>(actionTypes);
    }

    /** The patient's whole record (every Observation): what a full re-read costs; the fact projection avoids it. */
    public PatientRecord load(String patientId) {
        return load(patientId, null);
    }

    /**
     * The patient's record with only the Observations of the given {@code system|code} tokens (null: all),
     * read through the token index; every action (of each kind's resource type), condition and adverse event.
     */
    public PatientRecord load(String patientId, List<String> observationCodes) {
        SearchParameterMap observationSearch = PatientSearches.allOfPatient("subject", patientId);
        if (observationCodes != null) {
            TokenOrListParam codes = new TokenOrListParam();
            observationCodes.forEach(token -> codes.addOr(
                    new TokenParam(token.substring(0, token.indexOf('|')), token.substring(token.indexOf('|') + 1))));
            observationSearch.add("code", codes);
        }
        @SuppressWarnings("unchecked")
        List<Observation> observations = ((List<Observation>) (List<?>) daos.getResourceDao(Observation.class)
                        .search(observationSearch, new SystemRequestDetails())
                        .getAllResources())
                .stream().filter(o -> !DerivedResources.isDerived(o)).toList();
        List<Resource> actions = new ArrayList<>();
        actionTypes.forEach((type, patientReference) ->
                actions.addAll(search(daos.getResourceDao(type).getResourceType(), patientReference, patientId)));
        List<MedicationRequest> requests = actions.stream()
                .filter(r -> r instanceof MedicationRequest)
                .map(r -> (MedicationRequest) r)
                .toList();
        return new PatientRecord(
                patientId,
                observations,
                actions,
                search(Condition.class, "subject", patientId),
                search(AdverseEvent.class, "subject", patientId),
                medicationCodes(requests));
    }

    public boolean patientExists(String patientId) {
        return StoredResources.exists(daos, Patient.class, patientId);
    }

    /**
     * Codes of the Medications the requests reference: contained ones from the request, stored ones
     * read in batches by {@code _id} ({@link PatientSearches#byIds}).
     */
    private Map<String, CodeableConcept> medicationCodes(List<MedicationRequest> requests) {
        Map<String, CodeableConcept> codes = new HashMap<>();
        Map<String, String> referenceById = new LinkedHashMap<>();
        for (MedicationRequest request : requests) {
            if (!request.hasMedicationReference()
                    || !request.getMedicationReference().hasReference()) {
                continue;
            }
            String reference = request.getMedicationReference().getReference();
            if (reference.startsWith("#")) {
                request.getContained().stream()
                        .filter(r -> r instanceof Medication
                                && ("#" + r.getIdElement().getIdPart()).equals(reference))
                        .findFirst()
                        .ifPresent(m -> codes.put(reference, ((Medication) m).getCode()));
                continue;
            }
            IdType id = new IdType(reference);
            if ("Medication".equals(id.getResourceType()) && id.hasIdPart() && !id.isAbsolute()) {
                referenceById.putIfAbsent(id.getIdPart(), reference);
            } else {
                codes.computeIfAbsent(reference, this::readMedicationCode);
            }
        }
        for (IBaseResource r : PatientSearches.byIds(daos, "Medication", new ArrayList<>(referenceById.keySet()))) {
            Medication medication = (Medication) r;
            String reference = referenceById.get(medication.getIdElement().getIdPart());
            if (reference != null) {
                codes.put(reference, medication.getCode());
            }
        }
        return codes;
    }

    private CodeableConcept readMedicationCode(String reference) {
        IdType id = new IdType(reference);
        return id.hasIdPart()
                ? StoredResources.find(daos, Medication.class, id.getIdPart())
                        .map(Medication::getCode)
                        .orElse(null)
                : null;
    }

    @SuppressWarnings("unchecked")
    private <T extends IBaseResource> List<T> search(
            Class<? extends IBaseResource> type, String parameter, String patientId) {
        SearchParameterMap map = PatientSearches.allOfPatient(parameter, patientId);
        return (List<T>) (List<?>) daos.getResourceDao(type)
                .search(map, new SystemRequestDetails())
                .getAllResources();
    }
}
