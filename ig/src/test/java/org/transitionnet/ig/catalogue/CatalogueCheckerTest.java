package org.transitionnet.ig.catalogue;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

/** The loader and checker reject the mistakes a catalogue edit is likely to make. */
class CatalogueCheckerTest {

  private static final String STATES = """
      version: 2.0.0
      kind: state-variables
      systems: { loinc: http://loinc.org }
      stateVariables:
        - id: hba1c
          display: Hemoglobin A1c
          measurements: [ { system: loinc, code: 4548-4 } ]
          canonicalUnit: "%"
          acceptedUnits: ["%"]
          desirableDirection: decrease
          minimalMeaningfulChange: 0.5
          baselineWindow: { daysBefore: 90 }
          followUpWindow: { minDaysAfter: 60, maxDaysAfter: 180 }
          plausibleRange: { min: 2, max: 25 }
      """;

  private static String actions(String classes) {
    return """
        version: 2.0.0
        kind: action-classes
        systems: { rxnorm: http://www.nlm.nih.gov/research/umls/rxnorm }
        actionClasses:
        """ + classes;
  }

  private static MappingCatalogue load(String states, String actions) {
    return new CatalogueLoader().load(new ByteArrayInputStream(states.getBytes(UTF_8)),
        new ByteArrayInputStream(actions.getBytes(UTF_8)));
  }

  @Test
  void acceptsAConsistentCatalogue() {
    MappingCatalogue catalogue = load(STATES, actions("""
          - { id: glucose-lowering, display: G, kind: medication, expectedEffects: [hba1c] }
          - id: metformin
            display: Metformin
            kind: medication
            parent: glucose-lowering
            medications: [ { system: rxnorm, code: "860975" } ]
        """));
    assertThat(new CatalogueChecker().problems(catalogue)).isEmpty();
  }

  @Test
  void reportsUnknownParentsEffectsAndDuplicateCodes() {
    MappingCatalogue catalogue = load(STATES, actions("""
          - { id: a, display: A, kind: medication, parent: nowhere, expectedEffects: [ldl] }
          - id: b
            display: B
            kind: medication
            medications: [ { system: rxnorm, code: "1" } ]
          - id: c
            display: C
            kind: medication
            medications: [ { system: rxnorm, code: "1" } ]
        """));
    assertThat(new CatalogueChecker().problems(catalogue)).containsExactlyInAnyOrder(
        "action class a has unknown parent nowhere",
        "action class a expects unknown state variable ldl",
        "code http://www.nlm.nih.gov/research/umls/rxnorm|1 is in both b and c");
  }

  @Test
  void reportsParentCycles() {
    MappingCatalogue catalogue = load(STATES, actions("""
          - { id: a, display: A, kind: medication, parent: b }
          - { id: b, display: B, kind: medication, parent: a }
        """));
    assertThat(new CatalogueChecker().problems(catalogue))
        .contains("action class a is part of a parent cycle", "action class b is part of a parent cycle");
  }

  @Test
  void rejectsDifferentVersionsInTheTwoFiles() {
    assertThatThrownBy(() -> load(STATES, actions("").replace("2.0.0", "2.1.0")))
        .isInstanceOf(CatalogueException.class).hasMessageContaining("different versions");
  }

  @Test
  void rejectsUnknownSystemAliasesAndMissingFields() {
    assertThatThrownBy(() -> load(STATES.replace("system: loinc", "system: lonic"), actions("")))
        .isInstanceOf(CatalogueException.class).hasMessageContaining("unknown system alias 'lonic'");
    assertThatThrownBy(() -> load(STATES.replace("canonicalUnit: \"%\"", ""), actions("")))
        .isInstanceOf(CatalogueException.class).hasMessageContaining("missing 'canonicalUnit'");
    assertThatThrownBy(() -> load(STATES.replace("decrease", "down"), actions("")))
        .isInstanceOf(CatalogueException.class).hasMessageContaining("'desirableDirection' must be one of");
    assertThatThrownBy(() -> load(STATES.replace("plausibleRange: { min: 2, max: 25 }", ""), actions("")))
        .isInstanceOf(CatalogueException.class).hasMessageContaining("plausibleRange");
  }

  @Test
  void reportsAnEmptyPlausibleRange() {
    MappingCatalogue catalogue = load(STATES.replace("{ min: 2, max: 25 }", "{ min: 25, max: 2 }"), actions(""));
    assertThat(new CatalogueChecker().problems(catalogue))
        .containsExactly("state variable hba1c: plausibleRange needs min < max");
  }
}
