package org.transitionnet.server.release.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeidProcessorsTest {

    @Test
    void everyMethodHasItsProcessorChosenByTheRulesMethod() {
        DeidProcessors processors = DeidProcessors.standard(
                new Pseudonymizer(DeidKey.of(DeidTestKeys.KEY_A)),
                new Generalizer(Set.of()),
                LocalDate.of(2026, 1, 1),
                DeidTestKeys.RELEASE);

        for (String name : DeidProcessors.registeredNames()) {
            DeidMethod method = DeidMethod.parse(name);
            Map<String, String> params = switch (name) {
                case "generalize" -> Map.of("to", "zip3");
                case "substitute" -> Map.of("value", "x");
                default -> Map.of();
            };
            assertThat(processors
                            .forRule(new DeidRule("r", "Patient.name", method, params, null))
                            .method())
                    .isEqualTo(method);
        }
        assertThat(DeidProcessors.registeredNames())
                .contains("keep", "redact", "cryptoHash", "dateShift", "generalize", "substitute", "releaseTime");
    }

    @Test
    void aMethodWithoutProcessorOrWithTwoIsRefused() {
        assertThatThrownBy(() -> new DeidProcessors(List.of(new KeepProcessor(), new RedactProcessor())))
                .hasMessageContaining("no processor")
                .hasMessageContaining("cryptoHash");
        assertThatThrownBy(() -> new DeidProcessors(List.of(new KeepProcessor(), new KeepProcessor())))
                .hasMessageContaining("two processors for the de-identification method keep");
    }
}
