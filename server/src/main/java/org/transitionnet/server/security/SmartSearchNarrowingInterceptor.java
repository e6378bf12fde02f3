package org.transitionnet.server.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizedList;
import ca.uhn.fhir.rest.server.interceptor.auth.SearchNarrowingInterceptor;

/**
 * Narrows searches of a patient-context token to its patient's compartment, so that
 * {@code Observation?code=...} answers with that patient's resources instead of being refused.
 */
public class SmartSearchNarrowingInterceptor extends SearchNarrowingInterceptor {

    @Override
    protected AuthorizedList buildAuthorizedList(RequestDetails request) {
        return SmartAccessToken.current()
                .filter(SmartAccessToken::patientOnly)
                .map(token -> new AuthorizedList().addCompartment("Patient/" + token.patient()))
                .orElse(null);
    }
}
