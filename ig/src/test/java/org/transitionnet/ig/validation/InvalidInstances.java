package org.transitionnet.ig.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The crafted invalid instances of profiles/test-instances (kept out of the package) and why each
 * must fail: the failing element and a fragment of HAPI's message.
 */
final class InvalidInstances {

    static final Path DIRECTORY = Path.of("..", "profiles", "test-instances");

    record Case(String name, String location, String message) {

        String json() {
            try {
                return Files.readString(DIRECTORY.resolve(name + ".json"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Case> CASES = List.of(
            new Case("state-observation-missing-value", "Observation", "Constraint failed: tn-state-1"),
            new Case(
                    "state-observation-wrong-unit",
                    "Observation.value.ofType(Quantity)",
                    "The unit 'percent' is unknown"),
            new Case(
                    "state-observation-non-ucum-system",
                    "Observation.value.ofType(Quantity).system",
                    "Value is 'http://example.org/units' but is fixed to 'http://unitsofmeasure.org'"),
            new Case("transition-without-based-on", "Observation", "Constraint failed: tn-transition-2"),
            new Case(
                    "transition-wrong-code-system",
                    "Observation.code",
                    "Slice 'Observation.code.coding:stateVariable': a matching slice is required, but not found"),
            new Case(
                    "transition-unknown-state-variable",
                    "Observation.code.coding[0]",
                    "Unknown code 'http://transitionnet.org/fhir/CodeSystem/state-variable#blood-sugar'"),
            new Case(
                    "transition-unknown-direction",
                    "Observation.component[4].value.ofType(CodeableConcept)",
                    "Unknown code 'http://transitionnet.org/fhir/CodeSystem/transition-direction#better'"),
            new Case(
                    "transition-confidence-out-of-range",
                    "Observation.component[5]",
                    "Constraint failed: tn-transition-1"),
            new Case("medication-request-without-duration", "MedicationRequest", "Constraint failed: tn-medreq-1"),
            new Case("bundle-two-actions", "Bundle", "Constraint failed: tn-bundle-1"));

    private InvalidInstances() {}
}
