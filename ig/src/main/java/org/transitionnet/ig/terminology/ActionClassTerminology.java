package org.transitionnet.ig.terminology;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.PropertyType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ConceptMap.ConceptMapGroupComponent;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.transitionnet.catalogue.ActionClass;
import org.transitionnet.catalogue.CodeRef;
import org.transitionnet.catalogue.MappingCatalogue;

/**
 * Action-class terminology generated from the catalogue: a hierarchical (is-a) CodeSystem, its
 * ValueSet, and ConceptMaps from RxNorm, ATC and SNOMED CT codes to the classes.
 */
public final class ActionClassTerminology {

    public static final String PROP_KIND = "kind";
    public static final String PROP_EXPECTED_EFFECT = "expected-effect";

    /** ConceptMap element comments telling which CarePlan element a SNOMED CT code matches. */
    public static final String CARE_PLAN_CATEGORY = "CarePlan.category";

    public static final String CARE_PLAN_ACTIVITY = "CarePlan.activity.detail.code";

    private final TerminologyUrls urls;
    private final ResourceMetadata metadata;

    public ActionClassTerminology(TerminologyUrls urls, ResourceMetadata metadata) {
        this.urls = urls;
        this.metadata = metadata;
    }

    public CodeSystem codeSystem(MappingCatalogue catalogue) {
        CodeSystem cs = new CodeSystem();
        metadata.apply(
                cs,
                TerminologyUrls.ACTION_CLASS,
                "ActionClass",
                "Action class",
                "Hierarchy of intervention classes (medication classes and care-plan kinds); a concept's "
                        + "expected effects apply to all its descendants. Generated from mappings/action-classes.yaml.");
        cs.setUrl(urls.codeSystem(TerminologyUrls.ACTION_CLASS));
        cs.setCaseSensitive(true);
        cs.setHierarchyMeaning(CodeSystem.CodeSystemHierarchyMeaning.ISA);
        cs.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        cs.setValueSet(urls.valueSet(TerminologyUrls.ACTION_CLASS));
        // Neither value is a code of this CodeSystem (what type code means): the kind is a plain word,
        // the expected effect a code of the state-variable CodeSystem.
        cs.addProperty().setCode(PROP_KIND).setType(PropertyType.STRING).setDescription("medication or care-plan");
        cs.addProperty()
                .setCode(PROP_EXPECTED_EFFECT)
                .setType(PropertyType.CODING)
                .setDescription("State variable (state-variable CodeSystem) the class is expected to move");
        catalogue.actionClasses().stream()
                .filter(ActionClass::isRoot)
                .forEach(root -> cs.addConcept(concept(root, catalogue)));
        cs.setCount(catalogue.actionClasses().size());
        return cs;
    }

    private ConceptDefinitionComponent concept(ActionClass c, MappingCatalogue catalogue) {
        ConceptDefinitionComponent concept =
                new ConceptDefinitionComponent().setCode(c.id()).setDisplay(c.display());
        concept.addProperty().setCode(PROP_KIND).setValue(new StringType(c.kind()));
        c.expectedEffects()
                .forEach(effect -> concept.addProperty()
                        .setCode(PROP_EXPECTED_EFFECT)
                        .setValue(new Coding(urls.codeSystem(TerminologyUrls.STATE_VARIABLE), effect, null)));
        catalogue.childrenOf(c.id()).forEach(child -> concept.addConcept(concept(child, catalogue)));
        return concept;
    }

    public ValueSet valueSet() {
        ValueSet vs = new ValueSet();
        metadata.apply(
                vs,
                TerminologyUrls.ACTION_CLASS,
                "ActionClasses",
                "Action classes",
                "All action classes of the mapping catalogue.");
        vs.setUrl(urls.valueSet(TerminologyUrls.ACTION_CLASS));
        vs.getCompose().addInclude().setSystem(urls.codeSystem(TerminologyUrls.ACTION_CLASS));
        return vs;
    }

    public List<ConceptMap> conceptMaps(MappingCatalogue catalogue) {
        return List.of(
                conceptMap(
                        catalogue,
                        TerminologyUrls.RXNORM_TO_ACTION_CLASS,
                        "RxNormToActionClass",
                        "RxNorm to action class",
                        "Medication codes (MedicationRequest.medication) to action classes.",
                        Source.MEDICATIONS),
                conceptMap(
                        catalogue,
                        TerminologyUrls.ATC_TO_ACTION_CLASS,
                        "AtcToActionClass",
                        "ATC to action class",
                        "ATC codes to the equivalent action classes.",
                        Source.ATC),
                conceptMap(
                        catalogue,
                        TerminologyUrls.SNOMED_TO_ACTION_CLASS,
                        "SnomedToActionClass",
                        "SNOMED CT care plan codes to action class",
                        "Care plan categories and activity codes to action classes; each element's comment names the "
                                + "CarePlan element the code is matched in.",
                        Source.CARE_PLAN));
    }

    private enum Source {
        MEDICATIONS,
        ATC,
        CARE_PLAN
    }

    private ConceptMap conceptMap(
            MappingCatalogue catalogue, String id, String name, String title, String description, Source source) {
        ConceptMap map = new ConceptMap();
        metadata.apply(map, id, name, title, description);
        map.setUrl(urls.conceptMap(id));
        map.setTarget(new UriType(urls.valueSet(TerminologyUrls.ACTION_CLASS)));
        Map<String, ConceptMapGroupComponent> groups = new LinkedHashMap<>();
        for (ActionClass c : catalogue.actionClasses()) {
            switch (source) {
                case MEDICATIONS ->
                    c.medications().forEach(code -> add(groups, map, code, c, ConceptMapEquivalence.WIDER, null));
                case ATC -> c.atc().forEach(code -> add(groups, map, code, c, ConceptMapEquivalence.EQUIVALENT, null));
                case CARE_PLAN -> {
                    c.carePlanCategories()
                            .forEach(
                                    code -> add(groups, map, code, c, ConceptMapEquivalence.WIDER, CARE_PLAN_CATEGORY));
                    c.carePlanActivities()
                            .forEach(
                                    code -> add(groups, map, code, c, ConceptMapEquivalence.WIDER, CARE_PLAN_ACTIVITY));
                }
            }
        }
        return map;
    }

    private void add(
            Map<String, ConceptMapGroupComponent> groups,
            ConceptMap map,
            CodeRef code,
            ActionClass target,
            ConceptMapEquivalence equivalence,
            String comment) {
        ConceptMapGroupComponent group = groups.computeIfAbsent(
                code.system(),
                s -> map.addGroup().setSource(s).setTarget(urls.codeSystem(TerminologyUrls.ACTION_CLASS)));
        ConceptMap.TargetElementComponent t = group.addElement()
                .setCode(code.code())
                .setDisplay(code.display())
                .addTarget()
                .setCode(target.id())
                .setDisplay(target.display())
                .setEquivalence(equivalence);
        if (comment != null) {
            t.setComment(comment);
        }
    }
}
