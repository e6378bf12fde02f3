package org.transitionnet.server.release.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped rule set names every Safe Harbor identifier kind, and the documented table (docs/research-export.md) lists its rules. */
class DefaultRulesTest {

    static final List<String> SAFE_HARBOR_KINDS = List.of(
            "names",
            "geographic",
            "dates",
            "phone",
            "fax",
            "email",
            "ssn",
            "mrn",
            "health-plan",
            "account",
            "certificate-license",
            "vehicle",
            "device",
            "url",
            "ip",
            "biometric",
            "photo",
            "other-unique");

    @Test
    void everySafeHarborKindIsCoveredByARule() {
        Set<String> covered = new HashSet<>();
        DefaultRules.load().rules().forEach(r -> covered.addAll(r.covers()));
        assertThat(covered).containsExactlyInAnyOrderElementsOf(SAFE_HARBOR_KINDS);
    }

    @Test
    void readmeNamesEveryCoveringRule() throws Exception {
        String readme = Files.readString(Path.of("..", "docs", "research-export.md"));
        DefaultRules.load().rules().stream()
                .filter(r -> !r.covers().isEmpty())
                .forEach(r -> assertThat(readme)
                        .as("docs/research-export.md mentions rule " + r.id())
                        .contains("`" + r.id() + "`"));
    }

    @Test
    void badRulesAreRefusedWhenLoaded() {
        assertThatThrownBy(() -> DeidMethod.parse("scramble")).hasMessageContaining("unknown de-identification method");
        assertThatThrownBy(() -> new DeidRule("r", "Patient.name", DeidMethod.GENERALIZE, null, null))
                .hasMessageContaining("generalize");
        assertThatThrownBy(() -> new DeidRule("r", "Patient.name", DeidMethod.SUBSTITUTE, null, null))
                .hasMessageContaining("substitute");
    }
}
