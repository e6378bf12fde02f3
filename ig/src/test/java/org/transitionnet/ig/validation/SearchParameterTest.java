package org.transitionnet.ig.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.transitionnet.ig.IgPackage;

/**
 * The SearchParameters' expressions, evaluated with HAPI's R4 FHIRPath engine (the engine HAPI's
 * search indexer uses) on the example transition, yield the values a search must match, with
 * result types that fit the parameter type.
 */
class SearchParameterTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();

    static Stream<Arguments> parameters() {
        return Stream.of(
                Arguments.of("transition-state-variable", "state-variable", "token", "hba1c"),
                Arguments.of(
                        "transition-action-class", "action-class", "token", "metformin|biguanides|glucose-lowering"),
                Arguments.of("transition-direction", "direction", "token", "improved"),
                Arguments.of("transition-confidence", "confidence", "quantity", "0.8"),
                Arguments.of("transition-mapping-version", "mapping-version", "token", "1.0.0"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("parameters")
    void expressionExtractsTheIndexedValues(String id, String code, String type, String expected) throws Exception {
        SearchParameter sp = CTX.newJsonParser()
                .parseResource(SearchParameter.class, IgPackage.files().get("package/SearchParameter-" + id + ".json"));
        assertThat(sp.getCode()).isEqualTo(code);
        assertThat(sp.getType().toCode()).isEqualTo(type);
        assertThat(sp.getBase()).extracting(b -> b.getValue()).containsExactly("Observation");

        Observation transition = CTX.newJsonParser()
                .parseResource(
                        Observation.class,
                        IgPackage.files().get("package/example/Observation-tn-example-hba1c-transition.json"));
        IFhirPath fhirPath = CTX.newFhirPath();
        fhirPath.parse(sp.getExpression());
        List<IBase> values = fhirPath.evaluate(transition, sp.getExpression(), IBase.class);

        assertThat(values).extracting(SearchParameterTest::indexedValue).containsExactly(expected.split("\\|"));
    }

    /** What HAPI would index: the code of a token, the value of a quantity. */
    private static String indexedValue(IBase value) {
        if (value instanceof Coding c) {
            return c.getCode();
        }
        if (value instanceof CodeableConcept cc) {
            return cc.getCodingFirstRep().getCode();
        }
        if (value instanceof Quantity q) {
            return q.getValue().toPlainString();
        }
        if (value instanceof StringType s) {
            return s.getValue();
        }
        throw new AssertionError("Type not indexable by this parameter: " + value.getClass());
    }
}
