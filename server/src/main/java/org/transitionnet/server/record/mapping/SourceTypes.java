package org.transitionnet.server.record.mapping;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Reference;
import org.transitionnet.catalogue.ActionKind;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.record.patient.DerivedResources;

/**
 * The resource types transitions derive from: Observations (measurements), Conditions and
 * AdverseEvents (events), and the resource type of every action kind of the catalogue, so that a new
 * kind is projected into facts and triggers re-derivation without a code change. The patient is named
 * by {@code subject}, or for an action type by the element its kind declares ({@code patientReference},
 * e.g. Immunization's {@code patient}).
 */
public class SourceTypes {

    private static final Set<String> NON_ACTION_TYPES = Set.of("Observation", "Condition", "AdverseEvent");

    private final Set<String> types;
    private final Set<String> actionTypes;
    private final Map<String, String> patientReferences;

    public SourceTypes(MappingCatalogue catalog) {
        this.actionTypes = Set.copyOf(catalog.actionResourceTypes());
        this.patientReferences = Map.copyOf(catalog.actionPatientReferences());
        Set<String> all = new LinkedHashSet<>(NON_ACTION_TYPES);
        all.addAll(actionTypes);
        this.types = Set.copyOf(all);
    }

    public boolean isSource(String resourceType) {
        return types.contains(resourceType);
    }

    public boolean isAction(String resourceType) {
        return actionTypes.contains(resourceType);
    }

    public Set<String> all() {
        return types;
    }

    /** The element that references the patient in a source resource type: the action kind's, else {@code subject}. */
    public String patientReferenceOf(String resourceType) {
        return patientReferences.getOrDefault(resourceType, ActionKind.DEFAULT_PATIENT_REFERENCE);
    }

    /** The patient of a source resource (its {@link #patientReferenceOf patient reference}); none for other or derived resources. */
    public Set<String> patientsOf(IBaseResource resource) {
        Set<String> patients = new LinkedHashSet<>();
        if (resource == null
                || !isSource(resource.fhirType())
                || DerivedResources.isDerived(resource)
                || !(resource instanceof Base base)) {
            return patients;
        }
        org.hl7.fhir.r4.model.Property subject = base.getNamedProperty(patientReferenceOf(resource.fhirType()));
        for (Base value : subject == null ? java.util.List.<Base>of() : subject.getValues()) {
            if (value instanceof Reference reference
                    && "Patient".equals(reference.getReferenceElement().getResourceType())
                    && reference.getReferenceElement().hasIdPart()) {
                patients.add(reference.getReferenceElement().getIdPart());
            }
        }
        return patients;
    }
}
