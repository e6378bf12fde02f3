package org.transitionnet.ig.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.transitionnet.ig.IgPackage;

/**
 * HAPI's FhirInstanceValidator (the HL7 InstanceValidator underneath), fully offline: R4 core from
 * hapi-fhir-validation-resources-r4, the built package from the classpath, our own CodeSystems
 * checked in memory, UCUM checked by CommonCodeSystemsTerminologyService, and code systems that
 * are not available offline (LOINC, RxNorm, SNOMED CT) reported as warnings only.
 */
public final class PackageValidator {

    private static final FhirContext CTX = FhirContext.forR4Cached();
    private static FhirValidator validator;

    private PackageValidator() {}

    public static FhirContext context() {
        return CTX;
    }

    public static synchronized FhirValidator validator() {
        if (validator == null) {
            validator = CTX.newValidator().registerValidatorModule(new FhirInstanceValidator(chain()));
        }
        return validator;
    }

    /** Errors and fatal messages only. */
    public static List<SingleValidationMessage> errors(String resourceJson) {
        return validator().validateWithResult(resourceJson).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .toList();
    }

    private static IValidationSupport chain() {
        NpmPackageValidationSupport igPackage = new NpmPackageValidationSupport(CTX);
        try {
            igPackage.loadPackageFromClasspath("classpath:" + IgPackage.CLASSPATH_LOCATION);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        UnknownCodeSystemWarningValidationSupport unknownSystems = new UnknownCodeSystemWarningValidationSupport(CTX);
        unknownSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
        return new ValidationSupportChain(
                new DefaultProfileValidationSupport(CTX),
                igPackage,
                new CommonCodeSystemsTerminologyService(CTX),
                new InMemoryTerminologyServerValidationSupport(CTX),
                new SnapshotGeneratingValidationSupport(CTX),
                unknownSystems);
    }
}
