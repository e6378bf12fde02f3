package org.transitionnet.server.product.job;

import ca.uhn.fhir.model.api.IModelJson;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Patient;

/**
 * What a product stages of one patient, for {@link StagePatientsStep}: the step decides which patients are staged
 * (those that exist and whose research consent allows release), in their own transaction, and counts them; the
 * product turns a patient into its staged rows, already de-identified. Set up once per chunk, as staging a chunk needs
 * the job's de-identification engine, keys and record factories.
 *
 * @param <P> the job's parameters
 * @param <C> the product's counts
 */
@FunctionalInterface
public interface PatientStager<P extends IModelJson, C extends StagedCounts> {

    /** How the chunk's patients are staged, for the job. */
    Chunk<C> forChunk(P parameters, String jobId);

    /**
     * Staging one chunk's patients.
     *
     * @param counts new, zero counts of the product's kind (of the chunk, and of each patient while it is staged)
     * @param removeStaged removes whatever an earlier run of the chunk staged for the patient (by id), so a retried
     *     chunk replaces its own rows
     * @param stage stages what the product releases of the patient
     */
    record Chunk<C extends StagedCounts>(Supplier<C> counts, Consumer<String> removeStaged, Staging<C> stage) {}

    /** Stages what the product releases of one patient and counts it (records and the like) into counts. */
    @FunctionalInterface
    interface Staging<C extends StagedCounts> {
        void stage(String patientId, Patient patient, C counts);
    }
}
