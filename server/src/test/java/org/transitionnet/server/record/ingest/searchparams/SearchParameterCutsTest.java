package org.transitionnet.server.record.ingest.searchparams;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.SearchParameter;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class SearchParameterCutsTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private final SearchParameterCuts cuts = new SearchParameterCuts(FHIR);

    @Test
    void aParameterOfOneGovernedTypeOnlyIsRetired() {
        List<SearchParameter> overrides =
                cuts.overrides(new IndexedSearchParameters(Map.of("Observation", Set.of("code"))));

        SearchParameter comboCode = byUrl(overrides, "http://hl7.org/fhir/SearchParameter/Observation-combo-code")
                .orElseThrow();
        assertThat(comboCode.getStatus()).isEqualTo(PublicationStatus.RETIRED);
        assertThat(comboCode.getCode()).isEqualTo("combo-code");
        assertThat(comboCode.getMeta().getTag(SearchParameterCuts.TAG_SYSTEM, SearchParameterCuts.TAG_CODE))
                .isNotNull();
        assertThat(comboCode.getIdElement().getIdPart()).startsWith("tn-cut-").hasSizeLessThanOrEqualTo(64);
    }

    @Test
    void aSharedParameterKeepsTheTypesThatAreNotCut() {
        List<SearchParameter> overrides =
                cuts.overrides(new IndexedSearchParameters(Map.of("Observation", Set.of("code"))));

        // patient is not what puts an Observation in the compartment (subject is): listed or cut like any other.
        assertThat(byUrl(overrides, "http://hl7.org/fhir/SearchParameter/clinical-patient")
                        .orElseThrow()
                        .getBase())
                .extracting(CodeType::getCode)
                .doesNotContain("Observation")
                .contains("Condition");
        // clinical-date is shared by Observation, Procedure, Encounter, ...: only Observation loses it.
        SearchParameter date = byUrl(overrides, "http://hl7.org/fhir/SearchParameter/clinical-date")
                .orElseThrow();
        assertThat(date.getStatus()).isEqualTo(PublicationStatus.ACTIVE);
        assertThat(date.getBase())
                .extracting(CodeType::getCode)
                .doesNotContain("Observation")
                .contains("Procedure", "Encounter");
    }

    @Test
    void keptAndCompartmentParametersAndUngovernedTypesAreNotTouched() {
        List<SearchParameter> overrides =
                cuts.overrides(new IndexedSearchParameters(Map.of("Observation", Set.of("code"))));

        assertThat(byUrl(overrides, "http://hl7.org/fhir/SearchParameter/clinical-code"))
                .isEmpty();
        // subject, patient and performer put an Observation in a patient's compartment: never cut.
        assertThat(byUrl(overrides, "http://hl7.org/fhir/SearchParameter/Observation-subject"))
                .isEmpty();
        assertThat(byUrl(overrides, "http://hl7.org/fhir/SearchParameter/Observation-performer"))
                .isEmpty();
        assertThat(overrides)
                .filteredOn(sp -> sp.getStatus() == PublicationStatus.ACTIVE)
                .allSatisfy(sp ->
                        assertThat(sp.getBase()).extracting(CodeType::getCode).doesNotContain("Observation"));
        assertThat(overrides).noneMatch(sp -> sp.getUrl().contains("Patient-"));
    }

    @Test
    void noSelectionNoOverrides() {
        assertThat(cuts.overrides(IndexedSearchParameters.all())).isEmpty();
    }

    @Test
    void theShippedListCutsObservationsComponentsButKeepsWhatTheServerSearches() {
        IndexedSearchParameters shipped = new IndexedSearchParametersLoader(FHIR)
                .load(new ClassPathResource("search/indexed-search-parameters.yaml"));
        List<SearchParameter> overrides = cuts.overrides(shipped);

        assertThat(byUrl(overrides, "http://hl7.org/fhir/SearchParameter/Observation-component-code"))
                .isPresent();
        assertThat(overrides)
                .extracting(SearchParameter::getIdElement)
                .extracting(id -> id.getIdPart())
                .doesNotHaveDuplicates();
        for (String[] used : new String[][] {
            {"Observation", "category"},
            {"Observation", "code"},
            {"Observation", "subject"},
            {"Observation", "patient"},
            {"Observation", "date"},
            {"MedicationRequest", "subject"},
            {"CarePlan", "subject"},
            {"Condition", "subject"},
            {"Encounter", "patient"}
        }) {
            assertThat(shipped.keeps(used[0], used[1]) || isCompartment(used[0], used[1]))
                    .as(used[0] + "." + used[1])
                    .isTrue();
        }
    }

    private static boolean isCompartment(String type, String code) {
        return FHIR.getResourceDefinition(type)
                .getSearchParam(code)
                .getProvidesMembershipInCompartments()
                .contains("Patient");
    }

    private static Optional<SearchParameter> byUrl(List<SearchParameter> overrides, String url) {
        return overrides.stream().filter(sp -> url.equals(sp.getUrl())).findFirst();
    }
}
