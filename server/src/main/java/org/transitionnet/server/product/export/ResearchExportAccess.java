package org.transitionnet.server.product.export;

import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * Who owns a research export, and who else may reach it. Which scopes reach the export operations at all is
 * declared on them ({@link org.transitionnet.server.security.OperationAccess}) and enforced by the authorization
 * rules; this hook adds what a scope cannot say: the export's owner is the client that kicked it off, and only the
 * owner, or an administrator, may poll, cancel and download it. The security capability provides it; when security
 * is off there are no clients to tell apart and {@link #ALLOW_ALL} applies. Implementations throw HAPI's
 * {@code ForbiddenOperationException} / {@code AuthenticationException} to refuse.
 */
public interface ResearchExportAccess {

    /** @param groupId the Group of a Group-level export, null at system level */
    void checkKickOff(RequestDetails request, String groupId);

    /** Who kicks the export off (recorded with it as its owner); {@code null} when nobody is identified. */
    default String owner(RequestDetails request) {
        return null;
    }

    /**
     * Polling, cancelling and downloading.
     *
     * @param owner what {@link #owner} said at kick-off ({@code null} for exports started without an owner)
     */
    void checkExportAccess(RequestDetails request, String exportId, String owner);

    ResearchExportAccess ALLOW_ALL = new ResearchExportAccess() {
        @Override
        public void checkKickOff(RequestDetails request, String groupId) {}

        @Override
        public void checkExportAccess(RequestDetails request, String exportId, String owner) {}
    };
}
