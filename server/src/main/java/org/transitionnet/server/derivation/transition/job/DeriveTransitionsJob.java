package org.transitionnet.server.derivation.transition.job;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.model.JobDefinition;
import ca.uhn.fhir.batch2.model.JobInstanceStartRequest;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.List;

/** The Batch2 job that (re-)derives transitions, chunked by patient; its state lives in the shared database. */
public final class DeriveTransitionsJob {

    public static final String JOB_ID = "transitionnet-derive-transitions";
    public static final String DERIVE_STEP = "derive-patients";

    private DeriveTransitionsJob() {}

    public static JobDefinition<DeriveJobParameters> definition(SelectPatientsStep select, DerivePatientsStep derive) {
        return JobDefinition.newBuilder()
                .setJobDefinitionId(JOB_ID)
                .setJobDescription("Re-derive state-action-follow-up transitions of patients")
                .setJobDefinitionVersion(1)
                .setParametersType(DeriveJobParameters.class)
                .addFirstStep("select-patients", "Split the patients into chunks", PatientIdChunk.class, select)
                .addLastStep(DERIVE_STEP, "Re-derive and store the chunk's transitions", derive)
                .build();
    }

    /** Starts a job and returns its instance id. */
    public static String start(IJobCoordinator jobs, DeriveJobParameters parameters) {
        JobInstanceStartRequest request = new JobInstanceStartRequest(JOB_ID, parameters);
        return jobs.startInstance(new SystemRequestDetails(), request).getInstanceId();
    }

    public static String startForPatients(IJobCoordinator jobs, List<String> patientIds) {
        return start(jobs, DeriveJobParameters.forPatients(patientIds));
    }
}
