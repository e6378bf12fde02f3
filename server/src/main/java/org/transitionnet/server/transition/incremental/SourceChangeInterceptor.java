package org.transitionnet.server.transition.incremental;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.transitionnet.server.transition.DerivedResources;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Notices stored changes to the resources transitions derive from (Observation, MedicationRequest,
 * CarePlan, Condition, AdverseEvent, and Patient deletion) and marks their patients for
 * re-derivation, in the same database transaction as the change.
 */
@Interceptor
public class SourceChangeInterceptor {

	private final DirtyPatientQueue queue;

	public SourceChangeInterceptor(DirtyPatientQueue queue) {
		this.queue = queue;
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

	public static Set<String> patientsOf(IBaseResource resource) {
		Set<String> patients = new LinkedHashSet<>();
		if (resource == null || DerivedResources.isDerived(resource)) {
			return patients;
		}
		Reference subject = null;
		if (resource instanceof Observation o) {
			subject = o.getSubject();
		} else if (resource instanceof MedicationRequest m) {
			subject = m.getSubject();
		} else if (resource instanceof CarePlan c) {
			subject = c.getSubject();
		} else if (resource instanceof Condition c) {
			subject = c.getSubject();
		} else if (resource instanceof AdverseEvent a) {
			subject = a.getSubject();
		}
		if (subject != null && "Patient".equals(subject.getReferenceElement().getResourceType())
				&& subject.getReferenceElement().hasIdPart()) {
			patients.add(subject.getReferenceElement().getIdPart());
		}
		return patients;
	}
}
