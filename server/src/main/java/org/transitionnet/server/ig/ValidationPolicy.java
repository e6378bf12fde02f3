package org.transitionnet.server.ig;

import ca.uhn.fhir.validation.IInstanceValidatorModule;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/**
 * The server-wide policy of HAPI's instance validator (behind {@code $validate} and profile
 * enforcement): whether declaring a profile the server does not know is an error or only a warning.
 */
public class ValidationPolicy {

    private final boolean unknownProfilesAreErrors;

    public ValidationPolicy(IInstanceValidatorModule instanceValidator, boolean unknownProfilesAreErrors) {
        this.unknownProfilesAreErrors = unknownProfilesAreErrors;
        if (instanceValidator instanceof FhirInstanceValidator validator) {
            validator.setErrorForUnknownProfiles(unknownProfilesAreErrors);
        }
    }

    public boolean unknownProfilesAreErrors() {
        return unknownProfilesAreErrors;
    }
}
