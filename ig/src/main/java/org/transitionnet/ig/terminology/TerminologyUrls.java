package org.transitionnet.ig.terminology;

/** Canonical URLs of the generated terminology, relative to the IG canonical base. */
public record TerminologyUrls(String canonical) {

    public static final String STATE_VARIABLE = "state-variable";
    public static final String ACTION_CLASS = "action-class";
    public static final String STATE_VARIABLE_MEASUREMENT = "state-variable-measurement";
    public static final String LOINC_TO_STATE_VARIABLE = "loinc-to-state-variable";
    public static final String RXNORM_TO_ACTION_CLASS = "rxnorm-to-action-class";
    public static final String ATC_TO_ACTION_CLASS = "atc-to-action-class";
    public static final String SNOMED_TO_ACTION_CLASS = "snomed-to-action-class";

    public String codeSystem(String id) {
        return canonical + "/CodeSystem/" + id;
    }

    public String valueSet(String id) {
        return canonical + "/ValueSet/" + id;
    }

    public String conceptMap(String id) {
        return canonical + "/ConceptMap/" + id;
    }
}
