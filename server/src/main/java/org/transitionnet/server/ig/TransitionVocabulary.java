package org.transitionnet.server.ig;

/**
 * Canonical URLs of the TransitionNet IG that derived resources use; they must match the profiles,
 * extensions and code systems in {@code profiles/} (a test checks them against the built package).
 */
public final class TransitionVocabulary {

    public static final String BASE = "http://transitionnet.org/fhir";
    public static final String TRANSITION_OBSERVATION_PROFILE = BASE + "/StructureDefinition/transition-observation";
    public static final String TRANSITION_PROVENANCE_PROFILE = BASE + "/StructureDefinition/transition-provenance";
    public static final String TRANSITION_BUNDLE_PROFILE = BASE + "/StructureDefinition/transition-bundle";
    public static final String EXT_ACTION_CLASS = BASE + "/StructureDefinition/action-class";
    public static final String EXT_MAPPING_RULE = BASE + "/StructureDefinition/mapping-rule";
    public static final String EXT_CO_INTERVENTION = BASE + "/StructureDefinition/co-intervention";
    public static final String EXT_ADVERSE_EVENT = BASE + "/StructureDefinition/adverse-event";
    public static final String CS_STATE_VARIABLE = BASE + "/CodeSystem/state-variable";
    public static final String CS_ACTION_CLASS = BASE + "/CodeSystem/action-class";
    public static final String CS_COMPONENT = BASE + "/CodeSystem/transition-component";
    public static final String CS_DIRECTION = BASE + "/CodeSystem/transition-direction";
    public static final String CS_CATEGORY = BASE + "/CodeSystem/transition-category";
    public static final String CATEGORY_DERIVED = "derived-observational-research";
    public static final String MAPPING_POLICY_PREFIX = BASE + "/mappings/";
    public static final String UCUM = "http://unitsofmeasure.org";
    public static final String DISCLAIMER = "Derived observational, non-randomized research data. "
            + "It describes what was recorded before and after an intervention, not what the intervention caused, "
            + "and is not medical advice.";

    private TransitionVocabulary() {}
}
