package org.transitionnet.server.release.policy;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Patient;
import org.transitionnet.server.fhir.StoredResources;

/**
 * What every research output (the research export, benchmark datasets) must know of a patient before it
 * releases anything about them: the Patient itself and whether their research consent allows the release
 * under the configured {@link ConsentPolicy}. One reader, so both outputs decide alike.
 */
public class ResearchPatients {

    private final DaoRegistry daos;
    private final ConsentPolicy policy;

    public ResearchPatients(DaoRegistry daos, ConsentPolicy policy) {
        this.daos = daos;
        this.policy = policy;
    }

    /** The patient, or null when there is none (never stored, or deleted). */
    public Patient patient(String patientId) {
        return StoredResources.find(daos, Patient.class, patientId).orElse(null);
    }

    /** Whether the patient's research Consents (none, permitting or denying) allow releasing their data. */
    public boolean mayRelease(String patientId) {
        SearchParameterMap map = SearchParameterMap.newSynchronous();
        map.add("patient", new ReferenceParam("Patient/" + patientId));
        List<Consent> consents = new ArrayList<>();
        for (IBaseResource r : daos.getResourceDao(Consent.class)
                .search(map, new SystemRequestDetails())
                .getAllResources()) {
            consents.add((Consent) r);
        }
        return policy.mayExport(consents);
    }
}
