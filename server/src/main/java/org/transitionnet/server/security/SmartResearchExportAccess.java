package org.transitionnet.server.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.transitionnet.server.export.ResearchExportAccess;

/**
 * Research exports belong to the client that started them: its id is recorded at kick-off, and polling,
 * cancelling and downloading are refused (403) to every other client that is not an administrator
 * ({@link ExportOwnership}). The scope check on the operations stays with the authorization rules.
 */
public class SmartResearchExportAccess implements ResearchExportAccess {

	@Override
	public void checkKickOff(RequestDetails request, String groupId) {
		token();
	}

	@Override
	public String owner(RequestDetails request) {
		return ExportOwnership.ownerOf(token());
	}

	@Override
	public void checkExportAccess(RequestDetails request, String exportId, String owner) {
		if (!ExportOwnership.mayAccess(token(), owner)) {
			throw new ForbiddenOperationException("Research export " + exportId + " belongs to another client");
		}
	}

	private static SmartAccessToken token() {
		return SmartAccessToken.current().orElseThrow(() -> new AuthenticationException("A bearer token is required"));
	}
}
