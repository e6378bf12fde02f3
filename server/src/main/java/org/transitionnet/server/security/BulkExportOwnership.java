package org.transitionnet.server.security;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Optional;
import org.hl7.fhir.r4.model.Parameters;
import org.transitionnet.server.async.AsyncJobs;

/**
 * HAPI's Bulk Data {@code $export} belongs to the client that started it. At kick-off the client's id
 * goes into the job as the security context of every output Binary (which {@link ExportBinaryAccess}
 * enforces on download); {@code $export-poll-status} (polling and, with DELETE, cancelling) is refused
 * to other clients that are not administrators, and answers only for bulk-export jobs (not for any
 * other job whose id a client learned).
 */
public class BulkExportOwnership {

    /** {@code Binary.securityContext.identifier.system} of export files; the value is the owning client. */
    public static final String EXPORT_CLIENT_SYSTEM = "http://transitionnet.org/fhir/sid/export-client";

    static final String POLL_STATUS = "$export-poll-status";
    static final String BULK_EXPORT_JOB = "BULK_EXPORT";

    private final IJobCoordinator jobs;

    public BulkExportOwnership(IJobCoordinator jobs) {
        this.jobs = jobs;
    }

    @Hook(Pointcut.STORAGE_PRE_INITIATE_BULK_EXPORT)
    public void kickOff(BulkExportJobParameters parameters) {
        SmartAccessToken.current().ifPresent(token -> {
            parameters.setBinarySecurityContextIdentifierSystem(EXPORT_CLIENT_SYSTEM);
            parameters.setBinarySecurityContextIdentifierValue(ExportOwnership.ownerOf(token));
        });
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void pollOrCancel(RequestDetails request) {
        if (!POLL_STATUS.equals(request.getOperation())) {
            return;
        }
        SmartAccessToken token = SmartAccessToken.current().orElse(null);
        String jobId = jobId(request);
        if (token == null || jobId == null) {
            return;
        }
        Optional<JobInstance> found = AsyncJobs.find(jobs, jobId);
        if (found.isEmpty()) {
            return;
        }
        JobInstance instance = found.get();
        if (!BULK_EXPORT_JOB.equals(instance.getJobDefinitionId())) {
            throw new ResourceNotFoundException("No bulk export " + jobId);
        }
        BulkExportJobParameters parameters = instance.getParameters(BulkExportJobParameters.class);
        String owner = EXPORT_CLIENT_SYSTEM.equals(parameters.getBinarySecurityContextIdentifierSystem())
                ? parameters.getBinarySecurityContextIdentifierValue()
                : null;
        if (!ExportOwnership.mayAccess(token, owner)) {
            throw new ForbiddenOperationException("Bulk export " + jobId + " belongs to another client");
        }
    }

    private static String jobId(RequestDetails request) {
        String[] values = request.getParameters().get("_jobId");
        if (values != null && values.length > 0) {
            return values[0];
        }
        if (request.getResource() instanceof Parameters body
                && body.getParameter("_jobId") != null
                && body.getParameter("_jobId").getValue() != null) {
            return body.getParameter("_jobId").getValue().primitiveValue();
        }
        return null;
    }
}
