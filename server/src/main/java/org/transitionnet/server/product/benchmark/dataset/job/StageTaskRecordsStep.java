package org.transitionnet.server.product.benchmark.dataset.job;

import ca.uhn.fhir.batch2.api.IJobDataSink;
import ca.uhn.fhir.batch2.api.IJobStepWorker;
import ca.uhn.fhir.batch2.api.RunOutcome;
import ca.uhn.fhir.batch2.api.StepExecutionDetails;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.derivation.transition.StoredTransition;
import org.transitionnet.server.derivation.transition.TransitionStore;
import org.transitionnet.server.derivation.transition.job.PatientIdChunk;
import org.transitionnet.server.product.benchmark.dataset.DatasetFamilies;
import org.transitionnet.server.product.benchmark.dataset.DatasetRecord;
import org.transitionnet.server.product.benchmark.dataset.SourceKeys;
import org.transitionnet.server.product.benchmark.dataset.SubjectKeys;
import org.transitionnet.server.product.benchmark.dataset.TaskRecordFactory;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;
import org.transitionnet.server.product.benchmark.task.TaskCatalog;
import org.transitionnet.server.record.facts.FactStore;
import org.transitionnet.server.record.facts.PatientFacts;
import org.transitionnet.server.release.deid.DeidEngine;
import org.transitionnet.server.release.deid.DeidEngines;
import org.transitionnet.server.release.policy.ResearchPatients;

/**
 * Second step: for each patient of the chunk whose consent allows research use (the research
 * export's policy), the records of every requested task from the patient's stored transitions and
 * facts, staged already de-identified. Nothing is released yet: k-anonymity and the split counts need
 * every chunk. Each patient is staged in one transaction that first removes what an earlier run staged
 * for them, so a retried chunk replaces its own rows. A patient whose staging fails is logged and
 * counted, not staged, and does not fail the build of everyone else.
 */
public class StageTaskRecordsStep implements IJobStepWorker<DatasetBuildParameters, PatientIdChunk, StagedBuildChunk> {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StageTaskRecordsStep.class);

    private final DaoRegistry daos;
    private final FactStore facts;
    private final TransitionStore transitions;
    private final MappingCatalogue catalog;
    private final TaskCatalog tasks;
    private final DeidEngines deid;
    private final ResearchPatients patients;
    private final BuildStage stage;
    private final IHapiTransactionService transactions;

    public StageTaskRecordsStep(
            DaoRegistry daos,
            FactStore facts,
            TransitionStore transitions,
            MappingCatalogue catalog,
            TaskCatalog tasks,
            DeidEngines deid,
            ResearchPatients patients,
            BuildStage stage,
            IHapiTransactionService transactions) {
        this.daos = daos;
        this.facts = facts;
        this.transitions = transitions;
        this.catalog = catalog;
        this.tasks = tasks;
        this.deid = deid;
        this.patients = patients;
        this.stage = stage;
        this.transactions = transactions;
    }

    @Override
    public RunOutcome run(
            StepExecutionDetails<DatasetBuildParameters, PatientIdChunk> details, IJobDataSink<StagedBuildChunk> sink) {
        DatasetBuildParameters p = details.getParameters();
        String jobId = details.getInstance().getInstanceId();
        // The family's key: the same pseudonyms and date shifts in every version of the family, none shared with
        // another family or an export; splits under the benchmark's key, the same in every family.
        DatasetFamilies families = new DatasetFamilies(tasks, catalog, deid);
        DeidEngine engine = families.engine(
                Instant.parse(p.getReleaseTime()),
                p.getFamilyId() != null ? p.getFamilyId() : families.familyId(p.getTasks(), p.getK()));
        SubjectKeys keys = families.keys(engine);
        TaskRecordFactory factory = new TaskRecordFactory(engine, keys, catalog).withSourceKeys(new SourceKeys(deid));
        List<BenchmarkTask> requested = p.getTasks().stream()
                .map(id -> tasks.task(id)
                        .orElseThrow(() ->
                                new IllegalStateException("benchmark task " + id + " is no longer in the catalogue")))
                .toList();
        StagedBuildChunk staged = new StagedBuildChunk();
        for (String patientId : details.getData().getPatientIds()) {
            StagedBuildChunk before = copy(staged);
            try {
                stagePatient(jobId, patientId, requested, factory, keys, staged);
            } catch (RuntimeException e) {
                // Its staging rolled back with its transaction; the build goes on without this patient.
                log.warn("Dataset build {}: patient {} skipped, staging failed: {}", jobId, patientId, e.toString(), e);
                staged.patients = before.patients + 1;
                staged.excludedByConsent = before.excludedByConsent;
                staged.records = before.records;
                staged.patientsFailed++;
            }
        }
        sink.accept(staged);
        return new RunOutcome(staged.patients);
    }

    private void stagePatient(
            String jobId,
            String patientId,
            List<BenchmarkTask> requested,
            TaskRecordFactory factory,
            SubjectKeys keys,
            StagedBuildChunk staged) {
        transactions.withSystemRequest().execute(() -> {
            // A retried chunk starts over for this patient.
            stage.removeSubject(jobId, keys.subject(patientId));
            Patient patient = patients.patient(patientId);
            if (patient == null) {
                return null;
            }
            staged.patients++;
            if (!patients.mayRelease(patientId)) {
                staged.excludedByConsent++;
                return null;
            }
            List<Observation> stored =
                    new ArrayList<>(transitions.storedTransitions(patientId).values());
            if (stored.isEmpty()) {
                return null;
            }
            stored.sort(Comparator.comparing((Observation o) -> o.getIdElement().getIdPart()));
            PatientFacts source = facts.read(patientId);
            List<DatasetRecord> records = new ArrayList<>();
            for (Observation o : stored) {
                records.addAll(factory.records(requested, StoredTransition.read(o), source, patient));
            }
            stage.stage(jobId, records);
            staged.records += records.size();
            return null;
        });
    }

    private static StagedBuildChunk copy(StagedBuildChunk c) {
        StagedBuildChunk copy = new StagedBuildChunk();
        copy.patients = c.patients;
        copy.excludedByConsent = c.excludedByConsent;
        copy.patientsFailed = c.patientsFailed;
        copy.records = c.records;
        return copy;
    }
}
