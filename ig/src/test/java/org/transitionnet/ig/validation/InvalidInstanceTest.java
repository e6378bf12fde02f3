package org.transitionnet.ig.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The crafted invalid instances in profiles/test-instances (kept out of the package) each fail for
 * the reason they were written for: the failing element and the message are asserted.
 */
class InvalidInstanceTest {

  private static final Path INSTANCES = Path.of("..", "profiles", "test-instances");

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("state-observation-missing-value", "Observation",
            "Constraint failed: tn-state-1"),
        Arguments.of("state-observation-wrong-unit", "Observation.value.ofType(Quantity)",
            "The unit 'percent' is unknown"),
        Arguments.of("state-observation-non-ucum-system", "Observation.value.ofType(Quantity).system",
            "Value is 'http://example.org/units' but is fixed to 'http://unitsofmeasure.org'"),
        Arguments.of("transition-without-based-on", "Observation",
            "Observation.basedOn: minimum required = 1, but only found 0"),
        Arguments.of("transition-wrong-code-system", "Observation.code",
            "Slice 'Observation.code.coding:stateVariable': a matching slice is required, but not found"),
        Arguments.of("transition-unknown-state-variable", "Observation.code.coding[0]",
            "Unknown code 'http://transitionnet.org/fhir/CodeSystem/state-variable#blood-sugar'"),
        Arguments.of("transition-unknown-direction", "Observation.component[4].value.ofType(CodeableConcept)",
            "Unknown code 'http://transitionnet.org/fhir/CodeSystem/transition-direction#better'"),
        Arguments.of("transition-confidence-out-of-range", "Observation.component[5]",
            "Constraint failed: tn-transition-1"),
        Arguments.of("medication-request-without-duration", "MedicationRequest",
            "Constraint failed: tn-medreq-1"),
        Arguments.of("bundle-two-actions", "Bundle",
            "Constraint failed: tn-bundle-1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void failsWithTheExpectedMessage(String name, String location, String message) throws IOException {
    List<SingleValidationMessage> errors =
        PackageValidator.errors(Files.readString(INSTANCES.resolve(name + ".json")));
    assertThat(errors)
        .as("errors of %s", name)
        .anySatisfy(error -> {
          assertThat(error.getLocationString()).isEqualTo(location);
          assertThat(error.getMessage()).contains(message);
        });
  }

  @Test
  void everyCraftedInstanceHasAnExpectation() throws IOException {
    Set<String> expected = cases().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
    try (Stream<Path> files = Files.list(INSTANCES)) {
      Set<String> present = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json")).map(n -> n.substring(0, n.length() - 5))
          .collect(Collectors.toSet());
      assertThat(present).isEqualTo(expected);
    }
  }
}
