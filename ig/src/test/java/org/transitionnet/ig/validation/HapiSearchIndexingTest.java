package org.transitionnet.ig.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamToken;
import ca.uhn.fhir.jpa.model.entity.StorageSettings;
import ca.uhn.fhir.jpa.searchparam.extractor.SearchParamExtractorR4;
import ca.uhn.fhir.jpa.searchparam.registry.SearchParameterCanonicalizer;
import ca.uhn.fhir.rest.server.util.FhirContextSearchParamRegistry;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.SearchParameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.transitionnet.ig.IgPackage;

/**
 * HAPI JPA's own search-parameter extractor (the code that fills the token index when a resource is
 * stored) indexes the example transition under the IG's token SearchParameters.
 */
class HapiSearchIndexingTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "transition-state-variable, http://transitionnet.org/fhir/CodeSystem/state-variable|hba1c",
        "transition-action-class, http://transitionnet.org/fhir/CodeSystem/action-class|metformin "
                + "http://transitionnet.org/fhir/CodeSystem/action-class|biguanides "
                + "http://transitionnet.org/fhir/CodeSystem/action-class|glucose-lowering",
        "transition-direction, http://transitionnet.org/fhir/CodeSystem/transition-direction|improved",
        "transition-mapping-version, |1.0.0"
    })
    void indexesTheExampleTransition(String id, String expectedTokens) {
        SearchParameter sp = CTX.newJsonParser()
                .parseResource(SearchParameter.class, IgPackage.files().get("package/SearchParameter-" + id + ".json"));
        RuntimeSearchParam param = new SearchParameterCanonicalizer(CTX).canonicalizeSearchParameter(sp);
        SearchParamExtractorR4 extractor = new SearchParamExtractorR4(
                new StorageSettings(), new PartitionSettings(), CTX, new FhirContextSearchParamRegistry(CTX));
        Observation transition = CTX.newJsonParser()
                .parseResource(
                        Observation.class,
                        IgPackage.files().get("package/example/Observation-tn-example-hba1c-transition.json"));

        var tokens = extractor.extractSearchParamTokens(transition, param).stream()
                .filter(ResourceIndexedSearchParamToken.class::isInstance)
                .map(ResourceIndexedSearchParamToken.class::cast)
                .map(t -> (t.getSystem() == null ? "" : t.getSystem()) + "|" + t.getValue())
                .toList();

        assertThat(tokens).containsExactlyInAnyOrder(expectedTokens.split(" "));
    }
}
