package org.transitionnet.server.record.ingest;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Map;

/**
 * Refuses (400) a request whose URL carries the NUL character (%00) in a parameter or in its path:
 * the database cannot compare text containing it, so a search would otherwise fail with a 500 and the
 * database's own error text.
 */
public class NulCharacterInUrlGuard {

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void check(RequestDetails request) {
        if (request.getRequestPath() != null && request.getRequestPath().indexOf('\u0000') >= 0) {
            throw new InvalidRequestException("The request path must not contain the NUL character (%00)");
        }
        for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
            boolean nul = parameter.getKey().indexOf('\u0000') >= 0;
            for (String value : parameter.getValue()) {
                nul |= value != null && value.indexOf('\u0000') >= 0;
            }
            if (nul) {
                throw new InvalidRequestException(
                        "Search and operation parameters must not contain the NUL character (%00)");
            }
        }
    }
}
