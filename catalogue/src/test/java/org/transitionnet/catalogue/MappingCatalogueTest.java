package org.transitionnet.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sanity of the shipped catalogue: consistent, and covering what Synthea records. */
class MappingCatalogueTest {

    private final MappingCatalogue catalogue = Packaged.unchecked();

    @Test
    void hasNoConsistencyProblems() {
        assertThat(new CatalogueChecker().problems(catalogue)).isEmpty();
    }

    @Test
    void isVersioned() {
        assertThat(catalogue.version()).matches("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void everyParentAndExpectedEffectExists() {
        for (ActionClass c : catalogue.actionClasses()) {
            if (c.parent() != null) {
                assertThat(catalogue.actionClass(c.parent()))
                        .as("parent of %s", c.id())
                        .isPresent();
            }
            c.expectedEffects()
                    .forEach(effect -> assertThat(catalogue.stateVariable(effect))
                            .as("effect %s of %s", effect, c.id())
                            .isPresent());
        }
    }

    @Test
    void everyLeafMovesAtLeastOneStateVariable() {
        catalogue.actionClasses().stream()
                .filter(c -> catalogue.childrenOf(c.id()).isEmpty())
                .forEach(c -> assertThat(catalogue.effectiveExpectedEffects(c.id()))
                        .as(c.id())
                        .isNotEmpty());
    }

    @Test
    void lineageRunsFromTheClassToItsRoot() {
        assertThat(catalogue.lineage("metformin"))
                .extracting(ActionClass::id)
                .containsExactly("metformin", "biguanides", "glucose-lowering");
        assertThat(catalogue.effectiveExpectedEffects("metformin")).contains("hba1c", "glucose");
    }

    @Test
    void bloodPressureIsReadFromThePanelComponents() {
        StateVariable systolic = catalogue.stateVariable("systolic-bp").orElseThrow();
        assertThat(systolic.measurements()).anySatisfy(m -> {
            assertThat(m.observationCode().code()).isEqualTo("85354-9");
            assertThat(m.component().code()).isEqualTo("8480-6");
        });
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "http://www.nlm.nih.gov/research/umls/rxnorm, 860975, metformin",
        "http://www.nlm.nih.gov/research/umls/rxnorm, 312961, simvastatin",
        "http://www.nlm.nih.gov/research/umls/rxnorm, 259255, atorvastatin",
        "http://www.nlm.nih.gov/research/umls/rxnorm, 314076, lisinopril",
        "http://www.nlm.nih.gov/research/umls/rxnorm, 310798, hydrochlorothiazide",
        "http://www.nlm.nih.gov/research/umls/rxnorm, 308136, amlodipine",
        "http://snomed.info/sct, 698360004, diabetes-self-management",
        "http://snomed.info/sct, 160670007, diet-therapy",
        "http://www.whocc.no/atc, C10AA, statins",
        "http://snomed.info/sct, 265764009, renal-dialysis"
    })
    void mapsTheCodesSyntheaEmits(String system, String code, String expectedClass) {
        List<ActionClass> owners = catalogue.actionClasses().stream()
                .filter(c -> c.allCodes().stream()
                        .anyMatch(r -> r.system().equals(system) && r.code().equals(code)))
                .toList();
        assertThat(owners).extracting(ActionClass::id).containsExactly(expectedClass);
    }

    @ParameterizedTest
    @CsvSource({
        "4548-4, hba1c",
        "2339-0, glucose",
        "18262-6, ldl-cholesterol",
        "2089-1, ldl-cholesterol",
        "2093-3, total-cholesterol",
        "8480-6, systolic-bp",
        "8462-4, diastolic-bp",
        "29463-7, body-weight",
        "39156-5, bmi",
        "33914-3, egfr",
        "2160-0, creatinine"
    })
    void mapsTheLoincCodes(String loinc, String stateVariable) {
        assertThat(catalogue.stateVariable(stateVariable).orElseThrow().measurements())
                .anySatisfy(m -> assertThat(m.measuredCode().code()).isEqualTo(loinc));
    }

    @Test
    void everyKindIsReadFromItsOwnResourceType() {
        assertThat(catalogue.actionKinds())
                .extracting(ActionKind::id, ActionKind::resourceType)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("medication", "MedicationRequest"),
                        org.assertj.core.groups.Tuple.tuple("care-plan", "CarePlan"),
                        org.assertj.core.groups.Tuple.tuple("procedure", "Procedure"),
                        org.assertj.core.groups.Tuple.tuple("immunization", "Immunization"));
        assertThat(catalogue
                        .kindOf(catalogue.actionClass("renal-dialysis").orElseThrow())
                        .referenceElement())
                .isEqualTo("partOf");
        assertThat(catalogue
                        .kindOf(catalogue.actionClass("influenza-vaccination").orElseThrow())
                        .referenceElement())
                .isEqualTo("partOf");
        assertThat(catalogue.actionPatientReferences())
                .containsExactly(
                        java.util.Map.entry("MedicationRequest", "subject"), java.util.Map.entry("CarePlan", "subject"),
                        java.util.Map.entry("Procedure", "subject"), java.util.Map.entry("Immunization", "patient"));
        assertThat(catalogue
                        .kindOf(catalogue.actionClass("metformin").orElseThrow())
                        .selection())
                .isEqualTo(ActionKind.Selection.MOST_SPECIFIC);
    }

    @Test
    void thePackagedCatalogueLoadsChecked() {
        assertThat(new CatalogueLoader().loadPackaged().version()).isEqualTo(catalogue.version());
    }

    @ParameterizedTest
    @CsvSource({
        "706893006, abuse-and-violence", // Victim of intimate partner abuse
        "424393004, abuse-and-violence", // Reports of violence in the environment
        "55680006, substance-use", // Drug overdose
        "361055000, substance-use", // Misuses drugs
        "266948004, legal-social", // Has a criminal record
        "72892002, reproductive-health", // Normal pregnancy
        "73595000, mental-health", // Stress
        "314529007, not-an-event", // Medication review due
        "160903007, legal-social", // Full-time employment
        "10509002, clinical", // Acute bronchitis
        "44054006, clinical" // Diabetes mellitus type 2
    })
    void classifiesWhatSyntheaRecordsAsConditions(String code, String category) {
        assertThat(catalogue.categoryOfCondition("http://snomed.info/sct", code).map(ConditionCategory::id))
                .contains(category);
    }

    @Test
    void declaresTheSensitiveCategoriesAReleaseWithholds() {
        assertThat(catalogue.conditionCategories().stream()
                        .filter(ConditionCategory::isSensitive)
                        .map(ConditionCategory::id))
                .containsExactly(
                        "substance-use",
                        "abuse-and-violence",
                        "legal-social",
                        "reproductive-health",
                        "mental-health",
                        "hiv");
    }
}
