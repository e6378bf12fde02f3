package org.transitionnet.ig.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.transitionnet.catalogue.ActionClass;
import org.transitionnet.catalogue.CodeRef;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.catalogue.Measurement;
import org.transitionnet.catalogue.StateVariable;
import org.transitionnet.ig.Catalogues;
import org.transitionnet.ig.IgPackage;

/**
 * The terminology inside the built package says exactly what the mapping YAML says. Reads the
 * package, not the generator, so a stale or hand-edited package fails too.
 */
class TerminologyConsistencyTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();
    private final MappingCatalogue catalogue = Catalogues.packaged();

    private static <T extends org.hl7.fhir.instance.model.api.IBaseResource> T read(Class<T> type, String file) {
        return CTX.newJsonParser().parseResource(type, IgPackage.files().get("package/" + file));
    }

    @Test
    void stateVariableCodeSystemMatchesTheCatalogue() {
        CodeSystem cs = read(CodeSystem.class, "CodeSystem-state-variable.json");
        assertThat(cs.getVersion()).isEqualTo(IgPackage.version());
        assertThat(cs.getDescription()).endsWith("Mapping catalogue version " + catalogue.version() + ".");
        assertThat(cs.getConcept())
                .extracting(ConceptDefinitionComponent::getCode)
                .containsExactlyElementsOf(catalogue.stateVariables().stream()
                        .map(StateVariable::id)
                        .toList());
        for (StateVariable v : catalogue.stateVariables()) {
            ConceptDefinitionComponent concept = cs.getConcept().stream()
                    .filter(c -> c.getCode().equals(v.id()))
                    .findFirst()
                    .orElseThrow();
            assertThat(concept.getDisplay()).isEqualTo(v.display());
            assertThat(property(concept, StateVariableTerminology.PROP_CANONICAL_UNIT))
                    .isEqualTo(v.canonicalUnit());
            assertThat(property(concept, StateVariableTerminology.PROP_DESIRABLE_DIRECTION))
                    .isEqualTo(v.desirableDirection().code());
            assertThat(Double.parseDouble(property(concept, StateVariableTerminology.PROP_MINIMAL_CHANGE)))
                    .isEqualTo(v.minimalMeaningfulChange().doubleValue());
            assertThat(property(concept, StateVariableTerminology.PROP_BASELINE_DAYS))
                    .isEqualTo(String.valueOf(v.baselineDaysBefore()));
            assertThat(property(concept, StateVariableTerminology.PROP_FOLLOW_UP_MIN))
                    .isEqualTo(String.valueOf(v.followUpMinDaysAfter()));
            assertThat(property(concept, StateVariableTerminology.PROP_FOLLOW_UP_MAX))
                    .isEqualTo(String.valueOf(v.followUpMaxDaysAfter()));
        }
    }

    @Test
    void actionClassCodeSystemHasTheCatalogueHierarchy() {
        CodeSystem cs = read(CodeSystem.class, "CodeSystem-action-class.json");
        assertThat(cs.getVersion()).isEqualTo(IgPackage.version());
        assertThat(cs.getDescription()).endsWith("Mapping catalogue version " + catalogue.version() + ".");
        assertThat(cs.getHierarchyMeaning()).isEqualTo(CodeSystem.CodeSystemHierarchyMeaning.ISA);
        Map<String, String> parents = new HashMap<>();
        Map<String, Set<String>> effects = new HashMap<>();
        collect(cs.getConcept(), null, parents, effects);
        Map<String, String> expectedParents = new HashMap<>();
        catalogue.actionClasses().forEach(c -> expectedParents.put(c.id(), c.parent()));
        assertThat(parents).isEqualTo(expectedParents);
        for (ActionClass c : catalogue.actionClasses()) {
            assertThat(effects.get(c.id())).as(c.id()).isEqualTo(new HashSet<>(c.expectedEffects()));
        }
    }

    @Test
    void measurementValueSetAndConceptMapCoverEveryMeasurement() {
        ValueSet vs = read(ValueSet.class, "ValueSet-state-variable-measurement.json");
        Set<String> vsCodes = new HashSet<>();
        vs.getCompose()
                .getInclude()
                .forEach(i -> i.getConcept().forEach(c -> vsCodes.add(i.getSystem() + "|" + c.getCode())));
        ConceptMap map = read(ConceptMap.class, "ConceptMap-loinc-to-state-variable.json");
        Set<String> mapped = new HashSet<>();
        map.getGroup()
                .forEach(g -> g.getElement()
                        .forEach(e -> e.getTarget()
                                .forEach(t -> mapped.add(g.getSource() + "|" + e.getCode() + "->" + t.getCode()
                                        + t.getDependsOn().stream()
                                                .map(d -> "#" + d.getSystem() + "|" + d.getValue())
                                                .findFirst()
                                                .orElse("")))));
        Set<String> expectedVs = new HashSet<>();
        Set<String> expectedMap = new HashSet<>();
        for (StateVariable v : catalogue.stateVariables()) {
            for (Measurement m : v.measurements()) {
                expectedVs.add(key(m.observationCode()));
                expectedMap.add(
                        key(m.observationCode()) + "->" + v.id() + (m.isComponent() ? "#" + key(m.component()) : ""));
                if (m.isComponent()) {
                    expectedVs.add(key(m.component()));
                }
            }
        }
        assertThat(vsCodes).isEqualTo(expectedVs);
        assertThat(mapped).isEqualTo(expectedMap);
    }

    @Test
    void actionConceptMapsCoverEveryCode() {
        assertThat(pairs("ConceptMap-rxnorm-to-action-class.json")).isEqualTo(expectedPairs(Source.MEDICATION));
        assertThat(pairs("ConceptMap-atc-to-action-class.json")).isEqualTo(expectedPairs(Source.ATC));
        assertThat(pairs("ConceptMap-snomed-to-action-class.json")).isEqualTo(expectedPairs(Source.CARE_PLAN));
    }

    private enum Source {
        MEDICATION,
        ATC,
        CARE_PLAN
    }

    private Set<String> expectedPairs(Source source) {
        Set<String> pairs = new HashSet<>();
        for (ActionClass c : catalogue.actionClasses()) {
            List<CodeRef> codes = new ArrayList<>();
            switch (source) {
                case MEDICATION -> codes.addAll(c.medications());
                case ATC -> codes.addAll(c.atc());
                case CARE_PLAN -> {
                    codes.addAll(c.carePlanCategories());
                    codes.addAll(c.carePlanActivities());
                }
            }
            codes.forEach(code -> pairs.add(key(code) + "->" + c.id()));
        }
        return pairs;
    }

    private Set<String> pairs(String file) {
        ConceptMap map = read(ConceptMap.class, file);
        assertThat(map.getVersion()).isEqualTo(IgPackage.version());
        assertThat(map.getDescription()).endsWith("Mapping catalogue version " + catalogue.version() + ".");
        Set<String> pairs = new HashSet<>();
        map.getGroup()
                .forEach(g -> g.getElement()
                        .forEach(e -> e.getTarget()
                                .forEach(t -> pairs.add(g.getSource() + "|" + e.getCode() + "->" + t.getCode()))));
        return pairs;
    }

    private static String key(CodeRef code) {
        return code.system() + "|" + code.code();
    }

    private static void collect(
            List<ConceptDefinitionComponent> concepts,
            String parent,
            Map<String, String> parents,
            Map<String, Set<String>> effects) {
        for (ConceptDefinitionComponent c : concepts) {
            parents.put(c.getCode(), parent);
            Set<String> e = new HashSet<>();
            c.getProperty().stream()
                    .filter(p -> p.getCode().equals(ActionClassTerminology.PROP_EXPECTED_EFFECT))
                    .forEach(p -> {
                        assertThat(p.getValueCoding().getSystem())
                                .isEqualTo("http://transitionnet.org/fhir/CodeSystem/state-variable");
                        e.add(p.getValueCoding().getCode());
                    });
            effects.put(c.getCode(), e);
            collect(c.getConcept(), c.getCode(), parents, effects);
        }
    }

    private static String property(ConceptDefinitionComponent concept, String code) {
        return concept.getProperty().stream()
                .filter(p -> p.getCode().equals(code))
                .findFirst()
                .map(p -> p.getValue().primitiveValue())
                .orElse(null);
    }
}
