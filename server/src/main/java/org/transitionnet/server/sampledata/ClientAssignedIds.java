package org.transitionnet.server.sampledata;

import org.hl7.fhir.r4.model.Bundle;

/**
 * Turns the creates of a Synthea patient bundle into updates by the resources' own UUIDs
 * ({@code POST Patient} with fullUrl {@code urn:uuid:X} becomes {@code PUT Patient/X}), so the sample
 * patients have the ids the README names and storing a bundle twice never duplicates it. Conditional
 * creates ({@code ifNoneExist}, the information bundles) keep matching by business identifier.
 */
final class ClientAssignedIds {

    private static final String URN_UUID = "urn:uuid:";

    private ClientAssignedIds() {}

    static Bundle apply(Bundle bundle) {
        bundle.setType(Bundle.BundleType.TRANSACTION);
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Bundle.BundleEntryRequestComponent request = entry.getRequest();
            if (entry.getResource() == null
                    || request.getMethod() != Bundle.HTTPVerb.POST
                    || request.hasIfNoneExist()
                    || !entry.getFullUrl().startsWith(URN_UUID)) {
                continue;
            }
            String type = entry.getResource().fhirType();
            String id = entry.getFullUrl().substring(URN_UUID.length());
            entry.getResource().setId(type + "/" + id);
            request.setMethod(Bundle.HTTPVerb.PUT).setUrl(type + "/" + id);
        }
        return bundle;
    }
}
