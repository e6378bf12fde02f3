package org.transitionnet.ig.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.utilities.validation.ValidationMessage.IssueSeverity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.transitionnet.ig.IgPackage;

/**
 * Every resource the package ships, definitions as well as examples, passes the HL7 validator with
 * no error: implementers loading the package into their own tools must not meet broken definitions.
 */
class PackageConformanceTest {

    private static final String RESEARCH_TRANSITION =
            "http://transitionnet.org/fhir/StructureDefinition/research-transition";

    static Stream<String> resources() {
        return IgPackage.files().keySet().stream()
                .filter(name -> name.endsWith(".json"))
                .filter(name -> !name.endsWith("package.json") && !name.endsWith(".index.json"))
                .filter(name -> !name.startsWith("package/other/"))
                .sorted();
    }

    @Test
    void researchTransitionExampleConformsToTheLogicalModel() {
        List<ValidationMessage> messages = Hl7ValidationEngine.messages(
                IgPackage.files().get("package/other/research-transition-example.json"), List.of(RESEARCH_TRANSITION));
        assertThat(errors(messages))
                .extracting(m -> m.getLocation() + ": " + m.getMessage())
                .isEmpty();
    }

    @Test
    void aResearchTransitionWithoutItsStatementIsRejected() {
        String json = IgPackage.files()
                .get("package/other/research-transition-example.json")
                .replaceAll(",\\s*\"observationalDataStatement\"\\s*:\\s*\"[^\"]*\"", "");
        assertThat(json).doesNotContain("not medical advice");
        List<ValidationMessage> messages = Hl7ValidationEngine.messages(json, List.of(RESEARCH_TRANSITION));
        assertThat(errors(messages)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resources")
    void resourceHasNoValidationErrors(String path) {
        List<ValidationMessage> messages =
                Hl7ValidationEngine.messages(IgPackage.files().get(path));
        assertThat(errors(messages))
                .extracting(m -> m.getLocation() + ": " + m.getMessage())
                .isEmpty();
    }

    private static List<ValidationMessage> errors(List<ValidationMessage> messages) {
        return messages.stream()
                .filter(m -> m.getLevel() == IssueSeverity.ERROR || m.getLevel() == IssueSeverity.FATAL)
                .toList();
    }
}
