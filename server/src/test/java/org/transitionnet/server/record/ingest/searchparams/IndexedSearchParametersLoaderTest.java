package org.transitionnet.server.record.ingest.searchparams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

class IndexedSearchParametersLoaderTest {

    private final IndexedSearchParametersLoader loader = new IndexedSearchParametersLoader(FhirContext.forR4Cached());

    @Test
    void readsTheListPerType() throws Exception {
        IndexedSearchParameters selection = loader.parse(yaml("indexed:\n  Observation: [code, category]\n"), "test");
        assertThat(selection.governs("Observation")).isTrue();
        assertThat(selection.keeps("Observation", "code")).isTrue();
        assertThat(selection.keeps("Observation", "combo-code")).isFalse();
        assertThat(selection.governs("Patient")).isFalse();
        assertThat(selection.keeps("Patient", "name")).isTrue();
    }

    @Test
    void unknownTypesAndParametersStopTheStart() {
        assertThatThrownBy(() ->
                        loader.parse(yaml("indexed:\n  Observaton: [code]\n  Encounter: [dte, date, date]\n"), "test"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown resource type 'Observaton'")
                .hasMessageContaining("no built-in search parameter 'dte'")
                .hasMessageContaining("'date' listed twice");
        assertThatThrownBy(() -> loader.parse(yaml("kept: {}\n"), "test"))
                .hasMessageContaining("expected a map 'indexed'");
    }

    private static com.fasterxml.jackson.databind.JsonNode yaml(String text) throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(text);
    }
}
