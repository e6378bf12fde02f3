package org.transitionnet.server.record.patient;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.transitionnet.server.ig.TransitionVocabulary;

/** Tells derived transition resources apart from source data, so derivation never feeds on itself. */
public final class DerivedResources {

    public static final String OBSERVATION_ID_PREFIX = "tn-";
    public static final String PROVENANCE_ID_PREFIX = "tnp-";

    private DerivedResources() {}

    public static boolean isDerived(IBaseResource resource) {
        if (resource instanceof Observation o) {
            return o.getCategory().stream()
                    .anyMatch(c -> c.getCoding().stream()
                            .anyMatch(coding -> TransitionVocabulary.CS_CATEGORY.equals(coding.getSystem())
                                    && TransitionVocabulary.CATEGORY_DERIVED.equals(coding.getCode())));
        }
        String id = resource.getIdElement().getIdPart();
        return "Provenance".equals(resource.fhirType()) && id != null && id.startsWith(PROVENANCE_ID_PREFIX);
    }
}
