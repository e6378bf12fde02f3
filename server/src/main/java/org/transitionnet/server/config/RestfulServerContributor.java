package org.transitionnet.server.config;

import ca.uhn.fhir.rest.server.RestfulServer;

/**
 * Lets a capability (transitions, security, export, ...) add its operation providers and
 * interceptors to the FHIR endpoint without the endpoint's configuration knowing about it.
 */
@FunctionalInterface
public interface RestfulServerContributor {

    void contributeTo(RestfulServer server);
}
