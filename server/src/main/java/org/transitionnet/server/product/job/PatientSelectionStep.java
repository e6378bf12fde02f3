package org.transitionnet.server.product.job;

import ca.uhn.fhir.batch2.api.IFirstJobStepWorker;
import ca.uhn.fhir.batch2.api.IJobDataSink;
import ca.uhn.fhir.batch2.api.RunOutcome;
import ca.uhn.fhir.batch2.api.StepExecutionDetails;
import ca.uhn.fhir.batch2.api.VoidModel;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.model.api.IModelJson;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.transitionnet.server.derivation.transition.job.CreatedChunks;
import org.transitionnet.server.derivation.transition.job.PatientIdChunk;
import org.transitionnet.server.record.patient.PatientIdPages;

/**
 * First step of a product job over patients: the patients its {@link PatientSelection} names, or everyone, a page of
 * ids at a time, each page narrowed as the product asks and split into chunks, so no step holds the population. Run
 * again after its node died part-way, it creates only the chunks the earlier run did not. Its outcome counts the
 * patients selected.
 *
 * @param <P> the job's parameters
 */
public class PatientSelectionStep<P extends IModelJson> implements IFirstJobStepWorker<P, PatientIdChunk> {

    /** Chunks per page of patient ids read and narrowed at a time. */
    private static final int PAGE_CHUNKS = 25;

    private final DaoRegistry daos;
    private final int chunkSize;
    private final CreatedChunks created;
    private final String stageStepId;
    private final PatientSelection<P> selection;

    /** @param stageStepId the step the chunks go to, whose already created chunks a second run skips */
    public PatientSelectionStep(
            DaoRegistry daos, int chunkSize, CreatedChunks created, String stageStepId, PatientSelection<P> selection) {
        this.daos = daos;
        this.chunkSize = chunkSize;
        this.created = created;
        this.stageStepId = stageStepId;
        this.selection = selection;
    }

    @Override
    public RunOutcome run(StepExecutionDetails<P, VoidModel> details, IJobDataSink<PatientIdChunk> sink) {
        P parameters = details.getParameters();
        int pageSize = chunkSize * PAGE_CHUNKS;
        long[] selected = {0};
        Consumer<PatientIdChunk> chunks =
                created.skippingCreated(details.getInstance().getInstanceId(), stageStepId, sink::accept);
        Consumer<List<String>> page = ids -> {
            List<String> chosen = selection.narrow(parameters, ids);
            PatientIdChunk.split(chosen, chunkSize).forEach(chunks);
            selected[0] += chosen.size();
        };
        Optional<List<String>> named = selection.named(parameters);
        if (named.isPresent()) {
            List<String> ids = named.get();
            for (int from = 0; from < ids.size(); from += pageSize) {
                page.accept(ids.subList(from, Math.min(ids.size(), from + pageSize)));
            }
        } else {
            new PatientIdPages(daos, pageSize).forEachPage(page);
        }
        return new RunOutcome((int) selected[0]);
    }
}
