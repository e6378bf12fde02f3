package org.transitionnet.server.export;

import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * The one place where authorization can veto a research export beyond what an authorization
 * interceptor decides on the operation names ({@code $research-export},
 * {@code $research-export-status}, {@code $research-export-file}). The default allows everything;
 * the security capability replaces this bean (e.g. to require a {@code system/} scope and to check
 * that the downloader is the client that kicked the export off). Implementations throw HAPI's
 * {@code ForbiddenOperationException} / {@code AuthenticationException} to refuse.
 */
public interface ResearchExportAccess {

	/** @param groupId the Group of a Group-level export, null at system level */
	void checkKickOff(RequestDetails request, String groupId);

	/** Polling, cancelling and downloading. */
	void checkExportAccess(RequestDetails request, String exportId);

	ResearchExportAccess ALLOW_ALL = new ResearchExportAccess() {
		@Override
		public void checkKickOff(RequestDetails request, String groupId) {
		}

		@Override
		public void checkExportAccess(RequestDetails request, String exportId) {
		}
	};
}
