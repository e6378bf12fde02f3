package org.transitionnet.ig.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.transitionnet.ig.IgPackage;

/** Every example shipped in the package validates against its profile with no errors. */
class ExampleValidationTest {

    static Stream<String> examples() {
        return IgPackage.files().keySet().stream()
                .filter(name -> name.startsWith("package/example/") && !name.endsWith(".index.json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleHasNoValidationErrors(String path) {
        List<SingleValidationMessage> errors =
                PackageValidator.errors(IgPackage.files().get(path));
        assertThat(errors)
                .extracting(m -> m.getLocationString() + ": " + m.getMessage())
                .isEmpty();
    }
}
