package org.transitionnet.server.product.job;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.model.api.IModelJson;
import org.transitionnet.server.derivation.transition.job.CreatedChunks;
import org.transitionnet.server.release.policy.ResearchPatients;

/**
 * Makes the shared steps of a product job over patients, with what every such job reads patients, consent and chunks
 * through; a product brings only what is its own (which patients, what is staged of each, how the output is made).
 */
public class PatientJobSteps {

    private final DaoRegistry daos;
    private final CreatedChunks created;
    private final ResearchPatients patients;
    private final IHapiTransactionService transactions;

    public PatientJobSteps(
            DaoRegistry daos, CreatedChunks created, ResearchPatients patients, IHapiTransactionService transactions) {
        this.daos = daos;
        this.created = created;
        this.patients = patients;
        this.transactions = transactions;
    }

    /** The first step: the selected patients in chunks of {@code chunkSize}, for the step {@code stageStepId}. */
    public <P extends IModelJson> PatientSelectionStep<P> select(
            int chunkSize, String stageStepId, PatientSelection<P> selection) {
        return new PatientSelectionStep<>(daos, chunkSize, created, stageStepId, selection);
    }

    /** The staging step: each patient of a chunk staged by {@code stager}. */
    public <P extends IModelJson, C extends StagedCounts> StagePatientsStep<P, C> stage(
            String jobName, PatientStager<P, C> stager) {
        return new StagePatientsStep<>(jobName, patients, transactions, stager);
    }
}
