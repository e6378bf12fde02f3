package org.transitionnet.server.derivation.trajectory;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.transitionnet.server.record.patient.PatientRecordLoader;
import org.transitionnet.server.security.AuditedAction.Kind;
import org.transitionnet.server.security.OperationAccess;
import org.transitionnet.server.security.OperationAccess.Compartment;
import org.transitionnet.server.security.SmartScope.Context;

/** {@code Patient/{id}/$trajectory}: the patient's state over time, interventions as intervals, transitions overlaid. */
public class TrajectoryOperationProvider {

    private final PatientRecordLoader loader;
    private final TrajectoryBuilder builder;

    public TrajectoryOperationProvider(PatientRecordLoader loader, TrajectoryBuilder builder) {
        this.loader = loader;
        this.builder = builder;
    }

    @OperationAccess(
            scope = "Observation.r",
            contexts = {Context.PATIENT, Context.USER, Context.SYSTEM},
            compartment = Compartment.PATIENT,
            audit = Kind.TRAJECTORY_READ)
    @Operation(name = "$trajectory", idempotent = true, type = Patient.class, typeName = "Patient")
    public Parameters trajectory(@IdParam IdType patient) {
        String patientId = patient.getIdPart();
        if (!loader.patientExists(patientId)) {
            throw new ResourceNotFoundException(new IdType("Patient", patientId));
        }
        return builder.build(patientId);
    }
}
