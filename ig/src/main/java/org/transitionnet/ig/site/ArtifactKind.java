package org.transitionnet.ig.site;

import java.util.List;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.StructureDefinition.StructureDefinitionKind;
import org.hl7.fhir.r4.model.StructureDefinition.TypeDerivationRule;

/**
 * The sections of the artifact index, in order. A conformance resource belongs to the first kind whose
 * test it passes; {@link #OTHER} takes the rest, so new resource types are listed without a change here.
 */
enum ArtifactKind {
    PROFILES(
            "profiles",
            "Profiles",
            r -> r instanceof StructureDefinition sd
                    && !isExtension(sd)
                    && sd.getKind() != StructureDefinitionKind.LOGICAL),
    EXTENSIONS("extensions", "Extensions", r -> r instanceof StructureDefinition sd && isExtension(sd)),
    LOGICAL_MODELS("logical-models", "Logical models", r -> r instanceof StructureDefinition),
    CODE_SYSTEMS("code-systems", "Code systems", type(ResourceType.CodeSystem)),
    VALUE_SETS("value-sets", "Value sets", type(ResourceType.ValueSet)),
    CONCEPT_MAPS("concept-maps", "Concept maps", type(ResourceType.ConceptMap)),
    OPERATIONS("operations", "Operations", type(ResourceType.OperationDefinition)),
    SEARCH_PARAMETERS("search-parameters", "Search parameters", type(ResourceType.SearchParameter)),
    CAPABILITY_STATEMENTS("capability-statements", "Capability statements", type(ResourceType.CapabilityStatement)),
    OTHER("other", "Other definitions", r -> true);

    private final String anchor;
    private final String title;
    private final Predicate<Resource> test;

    ArtifactKind(String anchor, String title, Predicate<Resource> test) {
        this.anchor = anchor;
        this.title = title;
        this.test = test;
    }

    String anchor() {
        return anchor;
    }

    String title() {
        return title;
    }

    static ArtifactKind of(Resource resource) {
        for (ArtifactKind kind : values()) {
            if (kind.test.test(resource)) {
                return kind;
            }
        }
        throw new IllegalStateException("unreachable: OTHER accepts everything");
    }

    List<Resource> members(List<Resource> conformance) {
        return conformance.stream().filter(r -> of(r) == this).toList();
    }

    private static boolean isExtension(StructureDefinition sd) {
        return "Extension".equals(sd.getType()) && sd.getDerivation() == TypeDerivationRule.CONSTRAINT;
    }

    private static Predicate<Resource> type(ResourceType type) {
        return r -> r.getResourceType() == type;
    }
}
