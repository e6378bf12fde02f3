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
import org.junit.jupiter.params.provider.FieldSource;

/** Each crafted invalid instance fails, with HAPI's validator, for the reason it was written for. */
class InvalidInstanceTest {

    static final List<InvalidInstances.Case> CASES = InvalidInstances.CASES;

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASES")
    void failsWithTheExpectedMessage(InvalidInstances.Case c) {
        List<SingleValidationMessage> errors = PackageValidator.errors(c.json());
        assertThat(errors).as("errors of %s", c.name()).anySatisfy(error -> {
            assertThat(error.getLocationString()).isEqualTo(c.location());
            assertThat(error.getMessage()).contains(c.message());
        });
    }

    @Test
    void everyCraftedInstanceHasAnExpectation() throws IOException {
        Set<String> expected = CASES.stream().map(InvalidInstances.Case::name).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(InvalidInstances.DIRECTORY)) {
            Set<String> present = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5))
                    .collect(Collectors.toSet());
            assertThat(present).isEqualTo(expected);
        }
    }
}
