package org.transitionnet.server.derivation.transition.incremental;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.transitionnet.server.derivation.transition.DirtyPatientQueue;
import org.transitionnet.server.record.mapping.SourceTypes;

/**
 * Notices stored changes to the resources transitions derive from ({@link SourceTypes}: Observation,
 * Condition, AdverseEvent, the resource type of every action kind, and Patient deletion) and marks
 * their patients for re-derivation, in the same database transaction as the change.
 */
@Interceptor
public class SourceChangeInterceptor {

    private final DirtyPatientQueue queue;
    private final SourceTypes sourceTypes;

    public SourceChangeInterceptor(DirtyPatientQueue queue, SourceTypes sourceTypes) {
        this.queue = queue;
        this.sourceTypes = sourceTypes;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        patientsOf(resource).forEach(queue::mark);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource current) {
        Set<String> patients = new LinkedHashSet<>(patientsOf(previous));
        patients.addAll(patientsOf(current));
        patients.forEach(queue::mark);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        if ("Patient".equals(resource.fhirType())) {
            queue.mark(resource.getIdElement().getIdPart());
            return;
        }
        patientsOf(resource).forEach(queue::mark);
    }

    private Set<String> patientsOf(IBaseResource resource) {
        return sourceTypes.patientsOf(resource);
    }
}
