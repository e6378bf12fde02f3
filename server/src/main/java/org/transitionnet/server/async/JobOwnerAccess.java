package org.transitionnet.server.async;

import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * Who owns an asynchronous job of this server (a research export, a dataset build) and who else may follow it. Which
 * scopes reach the job's operations at all is declared on them ({@code @OperationAccess})
 * and enforced by the authorization rules; this hook adds what a scope cannot say: the job belongs to the client that
 * started it, and only that client, or an administrator, may read its status and result or cancel it. The security
 * capability provides it; when security is off there are no clients to tell apart and {@link #ANYONE} applies.
 * Implementations throw HAPI's {@code ForbiddenOperationException} / {@code AuthenticationException} to refuse.
 */
public interface JobOwnerAccess {

    /** Who starts a job with this request (recorded with the job as its owner); {@code null} when nobody is identified. */
    String owner(RequestDetails request);

    /**
     * Status, result and cancellation of a job.
     *
     * @param job   the job as the refusal names it, e.g. "Dataset build 1f0c..."
     * @param owner what {@link #owner} said when the job started ({@code null} for a job started without an owner)
     */
    void checkAccess(RequestDetails request, String job, String owner);

    /** No owners: every caller the authorization rules let through may follow every job. */
    JobOwnerAccess ANYONE = new JobOwnerAccess() {
        @Override
        public String owner(RequestDetails request) {
            return null;
        }

        @Override
        public void checkAccess(RequestDetails request, String job, String owner) {}
    };
}
