package org.transitionnet.server.ig;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Implementation Guide the server knows and enforces.
 *
 * @param packageLocation   Spring resource location of the FHIR NPM package (package.tgz); by default
 *                          the TransitionNet IG built with the server
 * @param install           install the package's conformance resources at start (searchable, used by
 *                          validation and search)
 * @param enforceOnWrite    reject writes of resources that declare one of the IG's profiles
 *                          ({@code meta.profile}) and fail validation against it
 * @param unknownProfilesAreErrors whether a declared profile the server does not know (e.g. US Core on
 *                          Synthea data, which is not installed) is a validation error or a warning
 */
@ConfigurationProperties("transitionnet.ig")
public record IgProperties(
        String packageLocation, Boolean install, Boolean enforceOnWrite, Boolean unknownProfilesAreErrors) {

    public IgProperties {
        packageLocation = packageLocation == null || packageLocation.isBlank()
                ? "classpath:transitionnet/ig/package.tgz"
                : packageLocation;
        install = install == null || install;
        enforceOnWrite = enforceOnWrite != null && enforceOnWrite;
        unknownProfilesAreErrors = unknownProfilesAreErrors != null && unknownProfilesAreErrors;
    }
}
