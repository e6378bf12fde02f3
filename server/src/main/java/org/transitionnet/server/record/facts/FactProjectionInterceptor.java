package org.transitionnet.server.record.facts;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Resource;
import org.transitionnet.server.record.mapping.SourceTypes;
import org.transitionnet.server.record.patient.DerivedResources;

/**
 * Keeps the fact projection in step with the stored resources, inside the writing transaction: a
 * created or updated source resource replaces its facts, a deleted one removes them, a new Patient is
 * recorded as having complete facts (it has no history yet), a deleted Patient loses all of its facts.
 * Every change of a patient's sources is also counted on their patient row, which derivation compares
 * with the count it covered. A rolled-back write leaves no facts and no count.
 */
@Interceptor
public class FactProjectionInterceptor {

    private final FactExtractor extractor;
    private final FactStore store;
    private final DaoRegistry daos;
    private final SourceTypes sourceTypes;

    public FactProjectionInterceptor(
            FactExtractor extractor, FactStore store, DaoRegistry daos, SourceTypes sourceTypes) {
        this.extractor = extractor;
        this.store = store;
        this.daos = daos;
        this.sourceTypes = sourceTypes;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        if ("Patient".equals(resource.fhirType())) {
            store.markCurrent(resource.getIdElement().getIdPart());
            return;
        }
        project(resource, true);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource current) {
        project(current, false);
        // A source moved to another patient changed the previous patient's sources too.
        sourceTypes.patientsOf(previous).forEach(store::sourcesChanged);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        if ("Patient".equals(resource.fhirType())) {
            store.deletePatient(resource.getIdElement().getIdPart());
        } else if (sourceTypes.isSource(resource.fhirType()) && !DerivedResources.isDerived(resource)) {
            store.deleteSource(resource.fhirType(), resource.getIdElement().getIdPart());
            sourceTypes.patientsOf(resource).forEach(store::sourcesChanged);
        }
    }

    /** @param created a new resource (its id has no facts yet), else an update that replaces the old ones */
    private void project(IBaseResource resource, boolean created) {
        if (!sourceTypes.isSource(resource.fhirType()) || DerivedResources.isDerived(resource)) {
            return;
        }
        String patient = sourceTypes.patientsOf(resource).stream().findFirst().orElse(null);
        FactExtractor.SourceFacts facts =
                extractor.of(resource, reference -> medicationCode((Resource) resource, reference));
        Long version = resource.getIdElement().getVersionIdPartAsLong();
        if (created) {
            store.addSource(patient, version, facts);
        } else {
            store.replaceSource(resource.fhirType(), resource.getIdElement().getIdPart(), patient, version, facts);
        }
        store.sourcesChanged(patient);
    }

    /** The code of a Medication an action references: contained, or stored (read in the same transaction). */
    private CodeableConcept medicationCode(Resource action, String reference) {
        if (reference == null) {
            return null;
        }
        if (reference.startsWith("#") && action instanceof DomainResource r) {
            return r.getContained().stream()
                    .filter(c ->
                            c instanceof Medication && ("#" + c.getIdElement().getIdPart()).equals(reference))
                    .map(c -> ((Medication) c).getCode())
                    .findFirst()
                    .orElse(null);
        }
        IdType id = new IdType(reference);
        if (!"Medication".equals(id.getResourceType()) || !id.hasIdPart() || id.isAbsolute()) {
            return null;
        }
        try {
            return daos.getResourceDao(Medication.class)
                    .read(id.toUnqualifiedVersionless(), new SystemRequestDetails())
                    .getCode();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
