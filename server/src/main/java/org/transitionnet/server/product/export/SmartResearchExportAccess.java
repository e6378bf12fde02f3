package org.transitionnet.server.product.export;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.transitionnet.server.security.SmartJobOwnerAccess;

/**
 * Research exports belong to the client that started them: its id is recorded at kick-off, and polling,
 * cancelling and downloading are refused (403) to every other client that is not an administrator, as for every
 * asynchronous job ({@link SmartJobOwnerAccess}). The scope check on the operations stays with the authorization rules.
 */
public class SmartResearchExportAccess implements ResearchExportAccess {

    private final SmartJobOwnerAccess jobs = new SmartJobOwnerAccess();

    @Override
    public void checkKickOff(RequestDetails request, String groupId) {
        SmartJobOwnerAccess.token();
    }

    @Override
    public String owner(RequestDetails request) {
        return jobs.owner(request);
    }

    @Override
    public void checkExportAccess(RequestDetails request, String exportId, String owner) {
        jobs.checkAccess(request, "Research export " + exportId, owner);
    }
}
