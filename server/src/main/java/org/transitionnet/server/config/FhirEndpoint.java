package org.transitionnet.server.config;

/** Where the FHIR REST API is mounted: the servlet and every filter that guards it must agree on the path. */
public final class FhirEndpoint {

    public static final String PATH = "/fhir";

    private FhirEndpoint() {}
}
