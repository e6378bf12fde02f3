package org.transitionnet.server.transition;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * {@code Patient/{id}/$transitions}: the patient's stored transitions as TransitionBundles (one per
 * action episode), plus an OperationOutcome listing transitions that could not be derived and why.
 */
public class TransitionsOperationProvider {

	private final PatientRecordLoader loader;
	private final TransitionStore store;
	private final TransitionBundleAssembler assembler;
	private final DerivationService derivation;

	public TransitionsOperationProvider(PatientRecordLoader loader, TransitionStore store, TransitionBundleAssembler assembler,
			DerivationService derivation) {
		this.loader = loader;
		this.store = store;
		this.assembler = assembler;
		this.derivation = derivation;
	}

	@Operation(name = "$transitions", idempotent = true, type = Patient.class, typeName = "Patient")
	public Bundle transitions(@IdParam IdType patient, RequestDetails request) {
		String patientId = patient.getIdPart();
		if (!loader.patientExists(patientId)) {
			throw new ResourceNotFoundException(new IdType("Patient", patientId));
		}
		List<Observation> stored = new ArrayList<>(store.storedTransitions(patientId).values());
		List<Bundle> bundles = assembler.assemble(patientId, stored, request.getFhirServerBase());

		Bundle result = new Bundle().setType(Bundle.BundleType.SEARCHSET);
		result.setTimestamp(new Date());
		result.setTotal(bundles.size());
		for (Bundle bundle : bundles) {
			result.addEntry().setFullUrl("urn:uuid:" + java.util.UUID.nameUUIDFromBytes(bundle.getId().getBytes()))
					.setResource(bundle).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
		}
		result.addEntry().setResource(notDerived(patientId)).getSearch().setMode(Bundle.SearchEntryMode.OUTCOME);
		return result;
	}

	private OperationOutcome notDerived(String patientId) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
				.setCode(OperationOutcome.IssueType.INFORMATIONAL)
				.setDiagnostics(TransitionVocabulary.DISCLAIMER);
		for (NotDerived missing : derivation.preview(patientId).notDerived()) {
			outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
					.setCode(OperationOutcome.IssueType.NOTFOUND)
					.setDiagnostics("Not derived: " + missing.stateVariable() + " around " + missing.actionClass()
							+ " (" + missing.episodeAnchor() + "): " + missing.reason());
		}
		return outcome;
	}
}
