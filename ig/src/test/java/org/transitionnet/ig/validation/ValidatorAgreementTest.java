package org.transitionnet.ig.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.utilities.validation.ValidationMessage.IssueSeverity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.transitionnet.ig.IgPackage;

/**
 * The HL7 ValidationEngine agrees with HAPI's FhirInstanceValidator: the examples have no errors, and
 * each crafted invalid instance has an error at the element HAPI reports.
 */
class ValidatorAgreementTest {

    /**
     * The engine has no UCUM validation without a terminology server: an invalid unit is a warning.
     * HAPI's CommonCodeSystemsTerminologyService checks UCUM offline, so that case is asserted there.
     */
    private static final String UCUM_CASE = "state-observation-wrong-unit";

    static final List<InvalidInstances.Case> CASES = InvalidInstances.CASES;

    static Stream<String> examples() {
        return ExampleValidationTest.examples();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void engineFindsNoErrorsInExamples(String path) {
        assertThat(errors(Hl7ValidationEngine.messages(IgPackage.files().get(path))))
                .extracting(m -> m.getLocation() + ": " + m.getMessage())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASES")
    void engineRejectsInvalidInstancesAtTheSameElement(InvalidInstances.Case c) {
        List<ValidationMessage> messages = Hl7ValidationEngine.messages(c.json());
        List<ValidationMessage> relevant = c.name().equals(UCUM_CASE) ? messages : errors(messages);
        assertThat(relevant)
                .as("issues of %s", c.name())
                .anySatisfy(m -> assertThat(m.getLocation()).isEqualTo(c.location()));
    }

    private static List<ValidationMessage> errors(List<ValidationMessage> messages) {
        return messages.stream()
                .filter(m -> m.getLevel() == IssueSeverity.ERROR || m.getLevel() == IssueSeverity.FATAL)
                .toList();
    }
}
