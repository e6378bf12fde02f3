package org.transitionnet.server.ig;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Rejects a write whose resource declares (in {@code meta.profile}) one of the IG's profiles and fails
 * validation against it, with 422 and the validator's OperationOutcome; nothing is stored. Resources
 * that declare none of the IG's profiles are left to the plain FHIR rules.
 */
@Interceptor
public class ProfileEnforcementInterceptor {

    private final FhirContext fhirContext;
    private final FhirValidator validator;
    private final Set<String> igProfiles;

    public ProfileEnforcementInterceptor(
            FhirContext fhirContext, IInstanceValidatorModule instanceValidator, Set<String> igProfiles) {
        this.fhirContext = fhirContext;
        this.validator = fhirContext.newValidator().registerValidatorModule(instanceValidator);
        this.igProfiles = Set.copyOf(igProfiles);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        enforce(resource);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource) {
        enforce(resource);
    }

    private void enforce(IBaseResource resource) {
        List<SingleValidationMessage> errors = new ArrayList<>();
        for (IPrimitiveType<String> declared : resource.getMeta().getProfile()) {
            String profile = declared.getValue();
            if (!igProfiles.contains(profile)) {
                continue;
            }
            ValidationResult result =
                    validator.validateWithResult(resource, new ValidationOptions().addProfile(profile));
            result.getMessages().stream()
                    .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                    .forEach(errors::add);
        }
        if (!errors.isEmpty()) {
            OperationOutcome outcome = new OperationOutcome();
            for (SingleValidationMessage error : errors) {
                outcome.addIssue()
                        .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                        .setCode(OperationOutcome.IssueType.PROCESSING)
                        .setDiagnostics(error.getMessage())
                        .addLocation(error.getLocationString());
            }
            throw new UnprocessableEntityException(fhirContext, outcome);
        }
    }
}
