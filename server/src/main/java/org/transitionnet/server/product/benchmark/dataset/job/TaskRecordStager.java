package org.transitionnet.server.product.benchmark.dataset.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.derivation.transition.StoredTransition;
import org.transitionnet.server.derivation.transition.TransitionStore;
import org.transitionnet.server.product.benchmark.dataset.DatasetFamilies;
import org.transitionnet.server.product.benchmark.dataset.DatasetRecord;
import org.transitionnet.server.product.benchmark.dataset.SourceKeys;
import org.transitionnet.server.product.benchmark.dataset.SubjectKeys;
import org.transitionnet.server.product.benchmark.dataset.TaskRecordFactory;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;
import org.transitionnet.server.product.benchmark.task.TaskCatalog;
import org.transitionnet.server.product.job.PatientStager;
import org.transitionnet.server.product.job.StagedCounts;
import org.transitionnet.server.record.facts.FactStore;
import org.transitionnet.server.record.facts.PatientFacts;
import org.transitionnet.server.release.deid.DeidEngine;
import org.transitionnet.server.release.deid.DeidEngines;
import org.transitionnet.server.release.policy.AdverseEventPolicy;

/**
 * What a dataset build stages of one patient: the records of every requested task from the patient's stored
 * transitions and facts, already de-identified under the version family's key. Nothing is released yet:
 * k-anonymity and the split counts need every chunk.
 */
public record TaskRecordStager(
        FactStore facts,
        TransitionStore transitions,
        MappingCatalogue catalog,
        TaskCatalog tasks,
        DeidEngines deid,
        BuildStage stage,
        AdverseEventPolicy adverseEvents)
        implements PatientStager<DatasetBuildParameters, StagedCounts> {

    @Override
    public Chunk<StagedCounts> forChunk(DatasetBuildParameters p, String jobId) {
        // The family's key: the same pseudonyms and date shifts in every version of the family, none shared with
        // another family or an export; splits under the benchmark's key, the same in every family.
        DatasetFamilies families = new DatasetFamilies(tasks, catalog, deid);
        DeidEngine engine = families.engine(
                Instant.parse(p.releaseTime()),
                p.familyId() != null ? p.familyId() : families.familyId(p.tasks(), p.k()));
        SubjectKeys keys = families.keys(engine);
        TaskRecordFactory factory =
                new TaskRecordFactory(engine, keys, catalog, adverseEvents).withSourceKeys(new SourceKeys(deid));
        List<BenchmarkTask> requested = p.tasks().stream()
                .map(id -> tasks.task(id)
                        .orElseThrow(() ->
                                new IllegalStateException("benchmark task " + id + " is no longer in the catalogue")))
                .toList();
        return new Chunk<>(
                StagedCounts::new,
                patientId -> stage.removeSubject(jobId, keys.subject(patientId)),
                (patientId, patient, staged) -> stagePatient(jobId, requested, factory, patientId, patient, staged));
    }

    private void stagePatient(
            String jobId,
            List<BenchmarkTask> requested,
            TaskRecordFactory factory,
            String patientId,
            Patient patient,
            StagedCounts staged) {
        List<Observation> stored =
                new ArrayList<>(transitions.storedTransitions(patientId).values());
        if (stored.isEmpty()) {
            return;
        }
        stored.sort(Comparator.comparing((Observation o) -> o.getIdElement().getIdPart()));
        PatientFacts source = facts.read(patientId);
        List<DatasetRecord> records = new ArrayList<>();
        for (Observation o : stored) {
            records.addAll(factory.records(requested, StoredTransition.read(o), source, patient));
        }
        stage.stage(jobId, records);
        staged.records += records.size();
    }
}
