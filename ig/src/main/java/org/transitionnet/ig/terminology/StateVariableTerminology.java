package org.transitionnet.ig.terminology;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.PropertyType;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ConceptMap.ConceptMapGroupComponent;
import org.hl7.fhir.r4.model.ConceptMap.SourceElementComponent;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.transitionnet.catalogue.CodeRef;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.catalogue.Measurement;
import org.transitionnet.catalogue.StateVariable;

/**
 * State-variable terminology generated from the catalogue: the CodeSystem (catalogue fields as
 * concept properties), its ValueSet, the ValueSet of measurement codes and the ConceptMap from
 * measurement codes to state variables.
 */
public final class StateVariableTerminology {

    /** Concept property codes; the consistency test reads them back. */
    public static final String PROP_CANONICAL_UNIT = "canonical-unit";

    public static final String PROP_DESIRABLE_DIRECTION = "desirable-direction";
    public static final String PROP_MINIMAL_CHANGE = "minimal-meaningful-change";
    public static final String PROP_BASELINE_DAYS = "baseline-days-before";
    public static final String PROP_FOLLOW_UP_MIN = "follow-up-min-days-after";
    public static final String PROP_FOLLOW_UP_MAX = "follow-up-max-days-after";

    /** ConceptMap dependsOn property naming the component code inside a panel Observation. */
    public static final String COMPONENT_PROPERTY =
            "http://hl7.org/fhir/StructureDefinition/Observation#Observation.component.code";

    private final TerminologyUrls urls;
    private final ResourceMetadata metadata;

    public StateVariableTerminology(TerminologyUrls urls, ResourceMetadata metadata) {
        this.urls = urls;
        this.metadata = metadata;
    }

    public CodeSystem codeSystem(MappingCatalogue catalogue) {
        CodeSystem cs = new CodeSystem();
        metadata.apply(
                cs,
                TerminologyUrls.STATE_VARIABLE,
                "StateVariable",
                "State variable",
                "Measured state variables whose change around an action is derived as a transition; "
                        + "generated from mappings/state-variables.yaml.");
        cs.setUrl(urls.codeSystem(TerminologyUrls.STATE_VARIABLE));
        cs.setCaseSensitive(true);
        cs.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        cs.setValueSet(urls.valueSet(TerminologyUrls.STATE_VARIABLE));
        property(cs, PROP_CANONICAL_UNIT, PropertyType.STRING, "Canonical UCUM unit of values");
        // A property of type code holds a code of this CodeSystem; the direction is a plain word.
        property(cs, PROP_DESIRABLE_DIRECTION, PropertyType.STRING, "decrease or increase");
        property(
                cs,
                PROP_MINIMAL_CHANGE,
                PropertyType.DECIMAL,
                "Minimal meaningful absolute change, in the canonical unit");
        property(cs, PROP_BASELINE_DAYS, PropertyType.INTEGER, "Baseline window: days before the action start");
        property(cs, PROP_FOLLOW_UP_MIN, PropertyType.INTEGER, "Follow-up window start: days after the action start");
        property(cs, PROP_FOLLOW_UP_MAX, PropertyType.INTEGER, "Follow-up window end: days after the action start");
        for (StateVariable v : catalogue.stateVariables()) {
            ConceptDefinitionComponent concept = cs.addConcept().setCode(v.id()).setDisplay(v.display());
            concept.setDefinition(v.definition());
            concept.addProperty().setCode(PROP_CANONICAL_UNIT).setValue(new StringType(v.canonicalUnit()));
            concept.addProperty()
                    .setCode(PROP_DESIRABLE_DIRECTION)
                    .setValue(new StringType(v.desirableDirection().code()));
            concept.addProperty()
                    .setCode(PROP_MINIMAL_CHANGE)
                    .setValue(new DecimalType(v.minimalMeaningfulChange().doubleValue()));
            concept.addProperty().setCode(PROP_BASELINE_DAYS).setValue(new IntegerType(v.baselineDaysBefore()));
            concept.addProperty().setCode(PROP_FOLLOW_UP_MIN).setValue(new IntegerType(v.followUpMinDaysAfter()));
            concept.addProperty().setCode(PROP_FOLLOW_UP_MAX).setValue(new IntegerType(v.followUpMaxDaysAfter()));
        }
        cs.setCount(cs.getConcept().size());
        return cs;
    }

    public ValueSet valueSet() {
        ValueSet vs = new ValueSet();
        metadata.apply(
                vs,
                TerminologyUrls.STATE_VARIABLE,
                "StateVariables",
                "State variables",
                "All state variables of the mapping catalogue.");
        vs.setUrl(urls.valueSet(TerminologyUrls.STATE_VARIABLE));
        vs.getCompose().addInclude().setSystem(urls.codeSystem(TerminologyUrls.STATE_VARIABLE));
        return vs;
    }

    /** Enumerates the measured codes (LOINC), so validation works without the external code system. */
    public ValueSet measurementValueSet(MappingCatalogue catalogue) {
        ValueSet vs = new ValueSet();
        metadata.apply(
                vs,
                TerminologyUrls.STATE_VARIABLE_MEASUREMENT,
                "StateVariableMeasurements",
                "State variable measurement codes",
                "Observation codes (and panel codes) that measure a state variable of the mapping catalogue.");
        vs.setUrl(urls.valueSet(TerminologyUrls.STATE_VARIABLE_MEASUREMENT));
        Map<String, ValueSet.ConceptSetComponent> includes = new LinkedHashMap<>();
        for (CodeRef code : measuredCodes(catalogue)) {
            ValueSet.ConceptSetComponent include = includes.computeIfAbsent(
                    code.system(), s -> vs.getCompose().addInclude().setSystem(s));
            boolean present =
                    include.getConcept().stream().anyMatch(c -> c.getCode().equals(code.code()));
            if (!present) {
                include.addConcept().setCode(code.code()).setDisplay(code.display());
            }
        }
        return vs;
    }

    public ConceptMap conceptMap(MappingCatalogue catalogue) {
        ConceptMap map = new ConceptMap();
        metadata.apply(
                map,
                TerminologyUrls.LOINC_TO_STATE_VARIABLE,
                "LoincToStateVariable",
                "Measurement code to state variable",
                "Which state variable an Observation measures. A target with dependsOn takes the value of the "
                        + "component with that code inside the panel Observation.");
        map.setUrl(urls.conceptMap(TerminologyUrls.LOINC_TO_STATE_VARIABLE));
        map.setSource(new UriType(urls.valueSet(TerminologyUrls.STATE_VARIABLE_MEASUREMENT)));
        map.setTarget(new UriType(urls.valueSet(TerminologyUrls.STATE_VARIABLE)));
        Map<String, ConceptMapGroupComponent> groups = new LinkedHashMap<>();
        for (StateVariable v : catalogue.stateVariables()) {
            for (Measurement m : v.measurements()) {
                CodeRef source = m.observationCode();
                ConceptMapGroupComponent group = groups.computeIfAbsent(
                        source.system(),
                        s -> map.addGroup().setSource(s).setTarget(urls.codeSystem(TerminologyUrls.STATE_VARIABLE)));
                SourceElementComponent element = group.getElement().stream()
                        .filter(e -> e.getCode().equals(source.code()))
                        .findFirst()
                        .orElseGet(
                                () -> group.addElement().setCode(source.code()).setDisplay(source.display()));
                ConceptMap.TargetElementComponent target =
                        element.addTarget().setCode(v.id()).setDisplay(v.display());
                if (m.isComponent()) {
                    target.setEquivalence(ConceptMapEquivalence.NARROWER);
                    target.setComment("The state variable is one part of the panel: the value of the component "
                            + m.component().system() + "#" + m.component().code() + " named in dependsOn.");
                    target.addDependsOn()
                            .setProperty(COMPONENT_PROPERTY)
                            .setSystem(m.component().system())
                            .setValue(m.component().code())
                            .setDisplay(m.component().display());
                } else {
                    target.setEquivalence(ConceptMapEquivalence.EQUIVALENT);
                }
            }
        }
        return map;
    }

    private static List<CodeRef> measuredCodes(MappingCatalogue catalogue) {
        return catalogue.stateVariables().stream()
                .flatMap(v -> v.measurements().stream())
                .flatMap(m -> m.isComponent()
                        ? java.util.stream.Stream.of(m.observationCode(), m.component())
                        : java.util.stream.Stream.of(m.observationCode()))
                .toList();
    }

    private static void property(CodeSystem cs, String code, PropertyType type, String description) {
        cs.addProperty().setCode(code).setType(type).setDescription(description);
    }
}
