package org.transitionnet.server.limits;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Refuses (413) a transaction or batch bundle with more entries than {@code transitionnet.limits.max-bundle-entries}:
 * every entry is a write (and for a transaction, part of one database transaction), so an unbounded
 * bundle holds a connection, locks and memory for minutes. Split larger loads into several bundles.
 */
public class BundleEntryLimit {

    private final int maxEntries;

    public BundleEntryLimit(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void check(RequestDetails request, RestOperationTypeEnum operation) {
        if (operation == RestOperationTypeEnum.TRANSACTION
                && request.getResource() instanceof Bundle bundle
                && bundle.getEntry().size() > maxEntries) {
            throw new PayloadTooLargeException("The "
                    + (bundle.getType() == null ? "bundle" : bundle.getType().toCode())
                    + " has " + bundle.getEntry().size() + " entries; this server accepts at most " + maxEntries
                    + " per bundle (transitionnet.limits.max-bundle-entries): split it into several bundles");
        }
    }
}
