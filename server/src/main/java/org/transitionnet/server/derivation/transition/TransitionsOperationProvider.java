package org.transitionnet.server.derivation.transition;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.transitionnet.server.ig.TransitionVocabulary;
import org.transitionnet.server.record.patient.PatientRecordLoader;
import org.transitionnet.server.security.AuditedAction.Kind;
import org.transitionnet.server.security.OperationAccess;
import org.transitionnet.server.security.OperationAccess.Compartment;
import org.transitionnet.server.security.SmartScope.Context;

/**
 * {@code Patient/{id}/$transitions}: the patient's stored transitions as TransitionBundles (one per
 * action episode), plus an OperationOutcome listing transitions that could not be derived and why, as the
 * last derivation stored them: reading never derives.
 */
public class TransitionsOperationProvider {

    private final PatientRecordLoader loader;
    private final TransitionStore store;
    private final TransitionBundleAssembler assembler;
    private final NotDerivedStore notDerived;

    public TransitionsOperationProvider(
            PatientRecordLoader loader,
            TransitionStore store,
            TransitionBundleAssembler assembler,
            NotDerivedStore notDerived) {
        this.loader = loader;
        this.store = store;
        this.assembler = assembler;
        this.notDerived = notDerived;
    }

    /**
     * @param variable    only transitions of this state variable (code of CodeSystem/state-variable)
     * @param actionClass only transitions of actions of this class, at any level of the hierarchy
     * @param direction   only transitions with this direction (improved, worsened, unchanged)
     */
    @OperationAccess(
            scope = "Observation.r",
            contexts = {Context.PATIENT, Context.USER, Context.SYSTEM},
            compartment = Compartment.PATIENT,
            audit = Kind.TRANSITIONS_READ)
    @Operation(name = "$transitions", idempotent = true, type = Patient.class, typeName = "Patient")
    public Bundle transitions(
            @IdParam IdType patient,
            @OperationParam(name = "variable", max = 1) CodeType variable,
            @OperationParam(name = "actionClass", max = 1) CodeType actionClass,
            @OperationParam(name = "direction", max = 1) CodeType direction,
            RequestDetails request) {
        String patientId = patient.getIdPart();
        if (!loader.patientExists(patientId)) {
            throw new ResourceNotFoundException(new IdType("Patient", patientId));
        }
        if (direction != null
                && Arrays.stream(Direction.values()).noneMatch(d -> d.code().equals(direction.getCode()))) {
            throw new InvalidRequestException(
                    "Unknown direction '" + direction.getCode() + "': expected improved, worsened or unchanged");
        }
        List<Observation> stored = store.storedTransitions(patientId).values().stream()
                .filter(o -> {
                    StoredTransition t = StoredTransition.read(o);
                    return (variable == null
                                    || variable.getCode()
                                            .equals(t.stateVariable().getCode()))
                            && (actionClass == null || t.hasActionClass(actionClass.getCode()))
                            && (direction == null || direction.getCode().equals(t.direction()));
                })
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        List<Bundle> bundles = assembler.assemble(patientId, stored, request.getFhirServerBase());

        Bundle result = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        result.setTimestamp(new Date());
        result.setTotal(bundles.size());
        for (Bundle bundle : bundles) {
            result.addEntry()
                    .setFullUrl("urn:uuid:"
                            + java.util.UUID.nameUUIDFromBytes(bundle.getId().getBytes()))
                    .setResource(bundle)
                    .getSearch()
                    .setMode(Bundle.SearchEntryMode.MATCH);
        }
        result.addEntry()
                .setFullUrl("urn:uuid:" + java.util.UUID.randomUUID())
                .setResource(notDerived(patientId))
                .getSearch()
                .setMode(Bundle.SearchEntryMode.OUTCOME);
        return result;
    }

    private static String describe(NotDerived missing) {
        if (missing.episodeAnchor() == null) {
            return (missing.stateVariable() == null
                            ? "Not derived: "
                            : "Not derived from " + missing.stateVariable() + ": ")
                    + missing.reason();
        }
        return "Not derived: " + missing.stateVariable() + " around " + missing.actionClass() + " ("
                + missing.episodeAnchor() + "): " + missing.reason();
    }

    private OperationOutcome notDerived(String patientId) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                .setDiagnostics(TransitionVocabulary.DISCLAIMER);
        for (NotDerived missing : notDerived.read(patientId)) {
            outcome.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.NOTFOUND)
                    .setDiagnostics(describe(missing));
        }
        return DerivedNarrative.describe(outcome);
    }
}
