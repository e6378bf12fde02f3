package org.transitionnet.server.transition;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.param.ReferenceParam;

/**
 * Searches that must return every match. A plain synchronous search stops at the server's page-size
 * bound and then cannot hand out all its results, which would fail derivation for any patient with
 * more resources of one type than that (long histories easily have tens of thousands of Observations).
 */
public final class PatientSearches {

	/** Far above any one patient's resources of a type; derivation reads one patient at a time. */
	static final int UNBOUNDED = Integer.MAX_VALUE;

	private PatientSearches() {
	}

	public static SearchParameterMap all() {
		return SearchParameterMap.newSynchronous().setLoadSynchronousUpTo(UNBOUNDED);
	}

	static SearchParameterMap allOfPatient(String referenceParameter, String patientId) {
		SearchParameterMap map = all();
		map.add(referenceParameter, new ReferenceParam("Patient/" + patientId));
		return map;
	}
}
