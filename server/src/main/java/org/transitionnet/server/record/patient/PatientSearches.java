package org.transitionnet.server.record.patient;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Searches that must return every match. A plain synchronous search stops at the server's page-size
 * bound and then cannot hand out all its results, which would fail derivation for any patient with
 * more resources of one type than that (long histories easily have tens of thousands of Observations).
 */
public final class PatientSearches {

    /** Far above any one patient's resources of a type; derivation reads one patient at a time. */
    static final int UNBOUNDED = Integer.MAX_VALUE;

    private PatientSearches() {}

    public static SearchParameterMap all() {
        return SearchParameterMap.newSynchronous().setLoadSynchronousUpTo(UNBOUNDED);
    }

    public static SearchParameterMap allOfPatient(String referenceParameter, String patientId) {
        SearchParameterMap map = all();
        map.add(referenceParameter, new ReferenceParam("Patient/" + patientId));
        return map;
    }

    /** Ids per {@code _id} search when reading named resources in batches. */
    static final int ID_BATCH = 500;

    /**
     * The stored resources of one type with the given ids, read with one {@code _id} search per
     * {@value #ID_BATCH} ids (a long history names hundreds of resources; one read each would dominate).
     * Missing or deleted ones are simply absent.
     */
    public static List<IBaseResource> byIds(DaoRegistry daos, String resourceType, List<String> ids) {
        List<IBaseResource> out = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += ID_BATCH) {
            TokenOrListParam batch = new TokenOrListParam();
            ids.subList(from, Math.min(ids.size(), from + ID_BATCH)).forEach(id -> batch.addOr(new TokenParam(id)));
            SearchParameterMap map = all();
            map.add("_id", batch);
            out.addAll(daos.getResourceDao(resourceType)
                    .search(map, new SystemRequestDetails())
                    .getAllResources());
        }
        return out;
    }
}
