package org.transitionnet.server.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.transitionnet.server.async.JobOwnerAccess;

/**
 * Asynchronous jobs belong to the client that started them ({@link ExportOwnership}): its id is recorded when the job
 * starts, and status, result and cancellation are refused (403) to every other client that is not an administrator.
 * The research export and the dataset build share it.
 */
public class SmartJobOwnerAccess implements JobOwnerAccess {

    @Override
    public String owner(RequestDetails request) {
        return ExportOwnership.ownerOf(token());
    }

    @Override
    public void checkAccess(RequestDetails request, String job, String owner) {
        if (!ExportOwnership.mayAccess(token(), owner)) {
            throw new ForbiddenOperationException(job + " belongs to another client");
        }
    }

    public static SmartAccessToken token() {
        return SmartAccessToken.current().orElseThrow(() -> new AuthenticationException("A bearer token is required"));
    }
}
