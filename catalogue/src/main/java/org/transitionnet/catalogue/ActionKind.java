package org.transitionnet.catalogue;

import java.util.List;
import java.util.Map;

/**
 * What makes an action of one kind (medication, care plan, procedure ...): the FHIR resource type
 * it is recorded in and, as FHIRPath expressions on that resource, its start, end, status, codes and
 * dosage. One extraction code reads every kind from this description, so a new kind is catalogue
 * data, not code. See mappings/README.md for each field.
 *
 * @param start       expressions tried in order; the first that yields a date or time is the start
 * @param end         likewise for the recorded end (none: no recorded end)
 * @param status      expression of the resource's status code
 * @param statuses    resource status code to episode status ({@link #EPISODE_STATUSES}); a status
 *                    not listed (draft, cancelled, entered-in-error ...) makes no action
 * @param where       optional boolean expression; a resource for which it is not true makes no action
 * @param codes       the elements whose codes classify the resource, each with the class code lists
 *                    it is matched against
 * @param selection   which of the matching classes the action belongs to
 * @param dosage      optional expression yielding a FHIR Dosage (dose, frequency, route of the action)
 * @param referenceElement the element of a derived transition Observation that references the action
 *                    ({@code basedOn}, or {@code partOf} for resource types basedOn cannot hold)
 * @param patientReference the element of the resource that references its patient ({@code subject}, or
 *                    {@code patient} for Immunization); it is also the name of the search parameter
 *                    the patient's actions of this kind are found by
 */
public record ActionKind(
        String id,
        String resourceType,
        List<String> start,
        List<String> end,
        String status,
        Map<String, String> statuses,
        String where,
        List<CodeElement> codes,
        Selection selection,
        String dosage,
        String referenceElement,
        String patientReference) {

    /** The episode statuses a resource status can map to. */
    public static final List<String> EPISODE_STATUSES = List.of("active", "on-hold", "completed", "stopped");

    /** The Observation elements a transition can reference its action with. */
    public static final List<String> REFERENCE_ELEMENTS = List.of("basedOn", "partOf");

    /** The patient reference element when a kind does not name one. */
    public static final String DEFAULT_PATIENT_REFERENCE = "subject";

    public ActionKind {
        patientReference = patientReference == null ? DEFAULT_PATIENT_REFERENCE : patientReference;
        start = List.copyOf(start);
        end = List.copyOf(end);
        statuses = Map.copyOf(statuses);
        codes = List.copyOf(codes);
    }

    /** A kind whose patient is its {@code subject}. */
    public ActionKind(
            String id,
            String resourceType,
            List<String> start,
            List<String> end,
            String status,
            Map<String, String> statuses,
            String where,
            List<CodeElement> codes,
            Selection selection,
            String dosage,
            String referenceElement) {
        this(
                id,
                resourceType,
                start,
                end,
                status,
                statuses,
                where,
                codes,
                selection,
                dosage,
                referenceElement,
                DEFAULT_PATIENT_REFERENCE);
    }

    /** Every FHIRPath expression of the kind, for checking that they compile. */
    public List<String> expressions() {
        java.util.List<String> all = new java.util.ArrayList<>(start);
        all.add(patientReference);
        all.addAll(end);
        all.add(status);
        codes.forEach(c -> all.add(c.path()));
        if (where != null) {
            all.add(where);
        }
        if (dosage != null) {
            all.add(dosage);
        }
        return all;
    }

    /**
     * An element (FHIRPath) whose CodeableConcepts or Codings classify the resource, matched against
     * the named code lists of the kind's classes. A Reference found there stands for the code of the
     * resource it references (e.g. a MedicationRequest's Medication).
     */
    public record CodeElement(String path, List<String> classCodes) {
        public CodeElement {
            classCodes = List.copyOf(classCodes);
        }
    }

    /** Which matching classes an action belongs to. */
    public enum Selection {
        /** Every class owning one of its codes (a care plan naming a category and an activity). */
        EVERY,
        /** The one most specific class owning one of its codes (deepest in the hierarchy, first in the file on ties). */
        MOST_SPECIFIC
    }
}
