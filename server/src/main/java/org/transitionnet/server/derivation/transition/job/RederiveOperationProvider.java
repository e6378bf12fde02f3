package org.transitionnet.server.derivation.transition.job;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.io.IOException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.transitionnet.server.async.AsyncJobs;
import org.transitionnet.server.async.AsyncKickOff;
import org.transitionnet.server.derivation.transition.DerivationBacklog;
import org.transitionnet.server.security.OperationAccess;
import org.transitionnet.server.security.OperationAccess.Compartment;
import org.transitionnet.server.security.SmartScope.Context;

/**
 * {@code $rederive} (system level) starts a Batch2 job that re-derives every patient's transitions (or
 * the listed patients'), e.g. after a mapping version change; it answers 202 with the job's status URL,
 * or 404 when a listed patient never existed (a deleted patient is accepted: its derived data is removed).
 * {@code $rederive-status?jobId=} reports the job's status and progress; with or without a job, it
 * reports the derivation backlog: patients marked and waiting for a job, handed to a job and not yet
 * derived, and whose last derivation failed.
 */
public class RederiveOperationProvider {

    private final IJobCoordinator jobs;
    private final AsyncKickOff kickOff;
    private final DaoRegistry daos;
    private final DerivationBacklog backlog;

    public RederiveOperationProvider(
            IJobCoordinator jobs, IJobMaintenanceService maintenance, DaoRegistry daos, DerivationBacklog backlog) {
        this.jobs = jobs;
        this.kickOff = new AsyncKickOff(jobs, maintenance);
        this.daos = daos;
        this.backlog = backlog;
    }

    @OperationAccess(scope = "*.cruds", contexts = Context.SYSTEM, compartment = Compartment.SYSTEM)
    @Operation(name = "$rederive", manualResponse = true)
    public void rederive(
            @OperationParam(name = "patient", max = OperationParam.MAX_UNLIMITED) List<Reference> patients,
            ServletRequestDetails request)
            throws IOException {
        DeriveJobParameters parameters = patients == null || patients.isEmpty()
                ? DeriveJobParameters.forAllPatients()
                : DeriveJobParameters.forPatients(knownPatientIds(patients));
        kickOff.start(
                request,
                DeriveTransitionsJob.JOB_ID,
                parameters,
                "$rederive-status?jobId=",
                (jobId, statusUrl) -> "Re-derivation job " + jobId + " started; poll " + statusUrl);
    }

    /** The listed patients' ids; 400 for a reference to anything but a Patient, 404 for patients that never existed. */
    private List<String> knownPatientIds(List<Reference> patients) {
        List<String> ids = new java.util.ArrayList<>();
        List<String> unknown = new java.util.ArrayList<>();
        for (Reference reference : patients) {
            IIdType id = reference.getReferenceElement();
            if (!id.hasIdPart() || (id.hasResourceType() && !"Patient".equals(id.getResourceType()))) {
                throw new InvalidRequestException(
                        "patient must reference a Patient (Patient/{id}), got '" + reference.getReference() + "'");
            }
            try {
                daos.getResourceDao(Patient.class)
                        .read(new IdType("Patient", id.getIdPart()), new SystemRequestDetails());
            } catch (ResourceGoneException e) {
                // Deleted: re-derivation removes what was derived for it.
            } catch (ResourceNotFoundException e) {
                unknown.add("Patient/" + id.getIdPart());
            }
            ids.add(id.getIdPart());
        }
        if (!unknown.isEmpty()) {
            throw new ResourceNotFoundException(
                    "No such patient: " + String.join(", ", unknown) + "; nothing was started");
        }
        return ids;
    }

    @OperationAccess(scope = "*.cruds", contexts = Context.SYSTEM, compartment = Compartment.SYSTEM)
    @Operation(name = "$rederive-status", idempotent = true)
    public Parameters status(@OperationParam(name = "jobId", min = 0, max = 1) StringType jobId) {
        Parameters status = jobId == null || jobId.isEmpty() ? new Parameters() : jobStatus(jobId);
        DerivationBacklog.Counts counts = backlog.counts();
        status.addParameter("patientsWaiting", new IntegerType(Math.toIntExact(counts.waiting())));
        status.addParameter("patientsInProgress", new IntegerType(Math.toIntExact(counts.inProgress())));
        status.addParameter("patientsFailed", new IntegerType(Math.toIntExact(counts.failed())));
        return status;
    }

    private Parameters jobStatus(StringType jobId) {
        JobInstance instance = AsyncJobs.ofDefinition(jobs, jobId.getValue(), DeriveTransitionsJob.JOB_ID)
                .orElseThrow(() -> new ResourceNotFoundException("No re-derivation job " + jobId.getValue()));
        Parameters status = new Parameters();
        status.addParameter("jobId", new StringType(instance.getInstanceId()));
        status.addParameter("status", new StringType(instance.getStatus().name()));
        status.addParameter("progress", new DecimalType(instance.getProgress()));
        if (instance.getCombinedRecordsProcessed() != null) {
            status.addParameter("patientsProcessed", new IntegerType(instance.getCombinedRecordsProcessed()));
        }
        if (instance.getStartTime() != null) {
            status.addParameter("started", new DateTimeType(instance.getStartTime()));
        }
        if (instance.getEndTime() != null) {
            status.addParameter("ended", new DateTimeType(instance.getEndTime()));
        }
        if (instance.getErrorMessage() != null) {
            status.addParameter("error", new StringType(instance.getErrorMessage()));
        }
        return status;
    }
}
