package org.transitionnet.catalogue;

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
          release: { precision: 0.1, bottomCodePercentile: 5, topCodePercentile: 95 }
      """;

    private static String actions(String classes) {
        return """
        version: 2.0.0
        kind: action-classes
        systems: { rxnorm: http://www.nlm.nih.gov/research/umls/rxnorm }
        actionKinds:
          - id: medication
            resourceType: MedicationRequest
            start: [authoredOn]
            status: status
            statuses: { active: active, completed: completed }
            codes: [ { path: medication, classCodes: [medications] } ]
            select: most-specific
        actionClasses:
        """ + classes;
    }

    private static MappingCatalogue load(String states, String actions) {
        return new CatalogueLoader()
                .load(
                        new ByteArrayInputStream(states.getBytes(UTF_8)),
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
        assertThat(new CatalogueChecker().problems(catalogue))
                .containsExactlyInAnyOrder(
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
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("different versions");
    }

    @Test
    void rejectsUnknownSystemAliasesAndMissingFields() {
        assertThatThrownBy(() -> load(STATES.replace("system: loinc", "system: lonic"), actions("")))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("unknown system alias 'lonic'");
        assertThatThrownBy(() -> load(STATES.replace("canonicalUnit: \"%\"", ""), actions("")))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("missing 'canonicalUnit'");
        assertThatThrownBy(() -> load(STATES.replace("decrease", "down"), actions("")))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("'desirableDirection' must be one of");
        assertThatThrownBy(() -> load(STATES.replace("plausibleRange: { min: 2, max: 25 }", ""), actions("")))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("plausibleRange");
    }

    @Test
    void requiresAReleasePrecision() {
        assertThatThrownBy(() -> load(
                        STATES.replace(
                                "release: { precision: 0.1, bottomCodePercentile: 5, topCodePercentile: 95 }", ""),
                        actions("")))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("release");
        assertThatThrownBy(() -> load(STATES.replace("precision: 0.1, ", ""), actions("")))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("missing 'precision'");
    }

    @Test
    void reportsReleasePrecisionsThatAreNotPositiveOrCoarserThanAMeaningfulChange() {
        assertThat(new CatalogueChecker().problems(load(STATES.replace("precision: 0.1", "precision: 0"), actions(""))))
                .containsExactly("state variable hba1c: release precision must be positive");
        assertThat(new CatalogueChecker().problems(load(STATES.replace("precision: 0.1", "precision: 1"), actions(""))))
                .containsExactly("state variable hba1c: release precision is coarser than its minimalMeaningfulChange,"
                        + " so released changes could not be told apart");
    }

    @Test
    void reportsReleasePercentilesOutOfOrderOrRange() {
        String expected =
                "state variable hba1c: release percentiles need 0 <= bottomCodePercentile < topCodePercentile <= 100";
        assertThat(new CatalogueChecker()
                        .problems(load(
                                STATES.replace("bottomCodePercentile: 5", "bottomCodePercentile: 96"), actions(""))))
                .containsExactly(expected);
        assertThat(new CatalogueChecker()
                        .problems(load(STATES.replace("topCodePercentile: 95", "topCodePercentile: 101"), actions(""))))
                .containsExactly(expected);
        assertThat(new CatalogueChecker()
                        .problems(load(
                                STATES.replace("bottomCodePercentile: 5", "bottomCodePercentile: -1"), actions(""))))
                .containsExactly(expected);
    }

    @Test
    void percentilesDefaultToNoCoding() {
        StateVariable v = load(STATES.replace(", bottomCodePercentile: 5, topCodePercentile: 95", ""), actions(""))
                .stateVariable("hba1c")
                .orElseThrow();
        assertThat(v.release().bottomPercentile()).isZero();
        assertThat(v.release().topPercentile()).isEqualTo(100);
    }

    @Test
    void roundsHalfUpToTheReleasePrecision() {
        ReleasePrecision tenth = new ReleasePrecision(new java.math.BigDecimal("0.1"), 0, 100);
        assertThat(tenth.round(new java.math.BigDecimal("7.25")).toPlainString())
                .isEqualTo("7.3");
        assertThat(tenth.round(new java.math.BigDecimal("7.24")).toPlainString())
                .isEqualTo("7.2");
        assertThat(tenth.round(new java.math.BigDecimal("7.0")).toPlainString()).isEqualTo("7");
        ReleasePrecision five = new ReleasePrecision(new java.math.BigDecimal("5"), 0, 100);
        assertThat(five.round(new java.math.BigDecimal("122.4")).toPlainString())
                .isEqualTo("120");
        assertThat(five.round(new java.math.BigDecimal("122.5")).toPlainString())
                .isEqualTo("125");
        assertThat(five.round(new java.math.BigDecimal("-2.5")).toPlainString()).isEqualTo("-5");
        ReleasePrecision half = new ReleasePrecision(new java.math.BigDecimal("0.5"), 0, 100);
        assertThat(half.round(new java.math.BigDecimal("6.74")).toPlainString()).isEqualTo("6.5");
        assertThat(half.round(new java.math.BigDecimal("6.75")).toPlainString()).isEqualTo("7");
    }

    @Test
    void reportsAnEmptyPlausibleRange() {
        MappingCatalogue catalogue = load(STATES.replace("{ min: 2, max: 25 }", "{ min: 25, max: 2 }"), actions(""));
        assertThat(new CatalogueChecker().problems(catalogue))
                .containsExactly("state variable hba1c: plausibleRange needs min < max");
    }

    @Test
    void reportsClassesOfUnknownKindsAndCodeListsTheirKindDoesNotRead() {
        MappingCatalogue catalogue = load(STATES, actions("""
          - { id: a, display: A, kind: surgery }
          - id: b
            display: B
            kind: medication
            carePlanActivities: [ { system: rxnorm, code: "2" } ]
        """));
        assertThat(new CatalogueChecker().problems(catalogue))
                .containsExactlyInAnyOrder(
                        "action class a has unknown kind surgery",
                        "action class b lists 'carePlanActivities', which its kind medication does not read");
    }

    @Test
    void reportsKindsWithoutStartOrWithUnknownEpisodeStatuses() {
        String kinds = actions("")
                .replace("start: [authoredOn]", "start: []")
                .replace("completed: completed", "completed: done");
        assertThat(new CatalogueChecker().problems(load(STATES, kinds)))
                .containsExactlyInAnyOrder(
                        "action kind medication has no start",
                        "action kind medication: status completed maps to 'done', not one of [active, on-hold, completed, stopped]");
    }

    @Test
    void readsEachKindsPatientReferenceDefaultingToSubjectAndReportsOneThatIsNoElementName() {
        MappingCatalogue subject = load(STATES, actions(""));
        assertThat(subject.actionKinds().get(0).patientReference()).isEqualTo("subject");
        assertThat(subject.actionPatientReferences())
                .containsExactly(java.util.Map.entry("MedicationRequest", "subject"));

        MappingCatalogue patient = load(
                STATES,
                actions("").replace("start: [authoredOn]", "patientReference: patient\n    start: [authoredOn]"));
        assertThat(patient.actionPatientReferences())
                .containsExactly(java.util.Map.entry("MedicationRequest", "patient"));
        assertThat(new CatalogueChecker().problems(patient)).isEmpty();

        MappingCatalogue path = load(
                STATES,
                actions("")
                        .replace(
                                "start: [authoredOn]", "patientReference: subject.reference\n    start: [authoredOn]"));
        assertThat(new CatalogueChecker().problems(path))
                .containsExactly(
                        "action kind medication: patientReference 'subject.reference' is not an element name (such as subject or patient)");
    }

    @Test
    void reportsTwoKindsReadingOneResourceType() {
        String twice = actions("")
                .replace(
                        "actionClasses:",
                        String.join(
                                "\n",
                                "  - id: other",
                                "    resourceType: MedicationRequest",
                                "    start: [authoredOn]",
                                "    status: status",
                                "    statuses: { active: active }",
                                "    codes: [ { path: medication, classCodes: [medications] } ]",
                                "    select: every",
                                "actionClasses:"));
        assertThat(new CatalogueChecker().problems(load(STATES, twice)))
                .containsExactly("action kinds medication and other both read MedicationRequest");
    }

    @Test
    void rejectsAnUnknownSelection() {
        assertThatThrownBy(() -> load(STATES, actions("").replace("most-specific", "first")))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("'select' must be one of");
    }

    @Test
    void loadValidRefusesAnInconsistentCatalogueWithEveryProblem() {
        String classes = actions("""
          - { id: a, display: A, kind: medication, parent: nowhere }
          - { id: b, display: B, kind: medication, expectedEffects: [ldl] }
        """);
        assertThatThrownBy(() -> new CatalogueLoader()
                        .loadValid(
                                new ByteArrayInputStream(STATES.getBytes(UTF_8)),
                                new ByteArrayInputStream(classes.getBytes(UTF_8))))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("action class a has unknown parent nowhere")
                .hasMessageContaining("action class b expects unknown state variable ldl");
    }

    @Test
    void reportsDuplicateIdsAndIdsThatAreNotLowerCaseWords() {
        MappingCatalogue catalogue = load(STATES, actions("""
          - { id: a, display: A, kind: medication }
          - { id: a, display: A again, kind: medication }
          - { id: Bad_Id, display: B, kind: medication }
        """));
        assertThat(new CatalogueChecker().problems(catalogue))
                .containsExactlyInAnyOrder(
                        "duplicate action class id a",
                        "action class id 'Bad_Id' must be lower-case words joined by '-'");
    }

    @Test
    void reportsUnitsAndWindowsThatCannotWork() {
        String states = STATES.replace("acceptedUnits: [\"%\"]", "acceptedUnits: [mmol/mol]")
                .replace("{ minDaysAfter: 60, maxDaysAfter: 180 }", "{ minDaysAfter: 200, maxDaysAfter: 180 }")
                .replace("version: 2.0.0", "version: two");
        assertThat(new CatalogueChecker().problems(load(states, actions("").replace("version: 2.0.0", "version: two"))))
                .containsExactlyInAnyOrder(
                        "version 'two' is not a semantic version",
                        "state variable hba1c: canonical unit % is not among its accepted units",
                        "state variable hba1c: windows must be non-negative and min <= max");
    }

    @Test
    void keepsNumbersAsWritten() {
        StateVariable v = load(STATES, actions("")).stateVariable("hba1c").orElseThrow();
        assertThat(v.minimalMeaningfulChange()).isEqualByComparingTo("0.5");
        assertThat(v.minimalMeaningfulChange().toPlainString()).isEqualTo("0.5");
        assertThat(v.plausibleRange().toString()).isEqualTo("[2, 25]");
        assertThat(v.isPlausible(new java.math.BigDecimal("30"))).isFalse();
        assertThat(v.withoutPlausibleRange().isPlausible(new java.math.BigDecimal("30")))
                .isTrue();
    }

    private static String conditions(String version, String body) {
        return """
        version: %s
        kind: condition-classes
        systems: { snomed: http://snomed.info/sct }
        categories:
          - { id: clinical, display: Clinical, role: adverse-event }
          - { id: substance-use, display: Substance use, role: sensitive }
        conditions:
        """.formatted(version) + body;
    }

    private static MappingCatalogue loadWithConditions(String conditions) {
        return new CatalogueLoader()
                .load(
                        new ByteArrayInputStream(STATES.getBytes(UTF_8)),
                        new ByteArrayInputStream(actions("").getBytes(UTF_8)),
                        new ByteArrayInputStream(conditions.getBytes(UTF_8)));
    }

    @Test
    void classifiesConditionsByCategory() {
        MappingCatalogue catalogue = loadWithConditions(conditions("2.0.0", """
          - { system: snomed, code: "55680006", display: Drug overdose, category: substance-use }
          - { system: snomed, code: "10509002", category: clinical }
        """));
        assertThat(new CatalogueChecker().problems(catalogue)).isEmpty();
        assertThat(catalogue.categoryOfCondition("http://snomed.info/sct", "55680006"))
                .get()
                .satisfies(c -> {
                    assertThat(c.id()).isEqualTo("substance-use");
                    assertThat(c.role()).isEqualTo(ConditionCategory.Role.SENSITIVE);
                });
        assertThat(catalogue
                        .categoryOfCondition("http://snomed.info/sct", "10509002")
                        .map(ConditionCategory::role))
                .contains(ConditionCategory.Role.ADVERSE_EVENT);
        assertThat(catalogue.categoryOfCondition("http://snomed.info/sct", "1")).isEmpty();
        assertThat(catalogue.categoryOfCondition("http://loinc.org", "55680006"))
                .isEmpty();
    }

    @Test
    void reportsAConditionOfAnUnknownCategoryAndOneClassifiedTwice() {
        MappingCatalogue catalogue = loadWithConditions(conditions("2.0.0", """
          - { system: snomed, code: "266948004", category: criminal-record }
          - { system: snomed, code: "55680006", category: substance-use }
          - { system: snomed, code: "55680006", category: clinical }
        """));
        assertThat(new CatalogueChecker().problems(catalogue))
                .containsExactlyInAnyOrder(
                        "condition http://snomed.info/sct|266948004 has unknown category criminal-record (declare it under 'categories')",
                        "condition http://snomed.info/sct|55680006 is classified twice (substance-use, clinical)");
    }

    @Test
    void rejectsAnUnknownCategoryRoleAndAnotherVersion() {
        assertThatThrownBy(
                        () -> loadWithConditions(conditions("2.0.0", "").replace("role: sensitive", "role: private")))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("'role' must be one of");
        assertThatThrownBy(() -> loadWithConditions(conditions("2.1.0", "")))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("different versions");
    }

    @Test
    void aCatalogueWithoutConditionClassesClassifiesNothing() {
        MappingCatalogue catalogue = load(STATES, actions(""));
        assertThat(catalogue.conditionCategories()).isEmpty();
        assertThat(catalogue.categoryOfCondition("http://snomed.info/sct", "55680006"))
                .isEmpty();
    }
}
