package org.transitionnet.server.product.export.job;

import ca.uhn.fhir.batch2.api.IJobDataSink;
import ca.uhn.fhir.batch2.api.IJobStepWorker;
import ca.uhn.fhir.batch2.api.RunOutcome;
import ca.uhn.fhir.batch2.api.StepExecutionDetails;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.derivation.transition.StoredTransition;
import org.transitionnet.server.derivation.transition.TransitionBundleAssembler;
import org.transitionnet.server.derivation.transition.TransitionStore;
import org.transitionnet.server.derivation.transition.job.PatientIdChunk;
import org.transitionnet.server.record.facts.FactStore;
import org.transitionnet.server.record.facts.PatientFacts;
import org.transitionnet.server.release.deid.DeidEngine;
import org.transitionnet.server.release.deid.DeidEngines;
import org.transitionnet.server.release.policy.ResearchPatients;
import org.transitionnet.server.release.policy.SubjectQuasi;

/**
 * Second step: for each patient of the chunk whose consent allows research use, builds the
 * research records from the stored transitions and assembles the de-identified TransitionBundles, and stages them (already
 * de-identified) with their quasi-identifiers. Nothing is released yet: k-anonymity needs every
 * chunk. A retried chunk first removes what it staged before, so retries do not duplicate. A patient
 * whose staging fails is logged and counted ({@code patientsFailed} in the manifest), not exported,
 * and does not fail the export of everyone else.
 */
public class StageRecordsStep implements IJobStepWorker<ExportJobParameters, PatientIdChunk, StagedChunk> {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StageRecordsStep.class);

    public static final String KIND_RESEARCH = "research";
    public static final String KIND_BUNDLE = "bundle";

    private final DaoRegistry daos;
    private final FactStore facts;
    private final MappingCatalogue catalog;
    private final TransitionStore store;
    private final TransitionBundleAssembler assembler;
    private final DeidEngines deid;
    private final ResearchPatients patients;
    private final ExportStorage storage;
    private final IHapiTransactionService transactions;
    private final FhirContext fhirContext;

    public StageRecordsStep(
            DaoRegistry daos,
            FactStore facts,
            MappingCatalogue catalog,
            TransitionStore store,
            TransitionBundleAssembler assembler,
            DeidEngines deid,
            ResearchPatients patients,
            ExportStorage storage,
            IHapiTransactionService transactions,
            FhirContext fhirContext) {
        this.daos = daos;
        this.facts = facts;
        this.catalog = catalog;
        this.store = store;
        this.assembler = assembler;
        this.deid = deid;
        this.patients = patients;
        this.storage = storage;
        this.transactions = transactions;
        this.fhirContext = fhirContext;
    }

    @Override
    public RunOutcome run(
            StepExecutionDetails<ExportJobParameters, PatientIdChunk> details, IJobDataSink<StagedChunk> sink) {
        ExportJobParameters p = details.getParameters();
        String exportId = details.getInstance().getInstanceId();
        DeidEngine engine = deid.forExport(Instant.parse(p.getTransactionTime()), p.getPseudonymSalt());
        ResearchRecordFactory records = new ResearchRecordFactory(engine, catalog);
        StagedChunk staged = new StagedChunk();
        for (String patientId : details.getData().getPatientIds()) {
            int recordsBefore = staged.records;
            int bundlesBefore = staged.bundles;
            int patientsBefore = staged.patients;
            try {
                stagePatient(patientId, p, exportId, engine, records, staged);
            } catch (RuntimeException e) {
                // Its staging rolled back with its transaction; the export goes on without this patient.
                log.warn(
                        "Research export {}: patient {} skipped, staging failed: {}",
                        exportId,
                        patientId,
                        e.toString(),
                        e);
                staged.records = recordsBefore;
                staged.bundles = bundlesBefore;
                staged.patients = patientsBefore + 1;
                staged.patientsFailed++;
            }
        }
        sink.accept(staged);
        return new RunOutcome(staged.patients);
    }

    private void stagePatient(
            String patientId,
            ExportJobParameters p,
            String exportId,
            DeidEngine engine,
            ResearchRecordFactory records,
            StagedChunk staged) {
        transactions.withSystemRequest().execute(() -> {
            Patient patient = patients.patient(patientId);
            if (patient == null) {
                return null;
            }
            staged.patients++;
            if (!patients.mayRelease(patientId)) {
                staged.excludedByConsent++;
                return null;
            }
            String subject = engine.patientPseudonym(patientId);
            // A retried chunk starts over for this patient.
            storage.removeStaged(exportId, subject);
            LocalDate born = patient.hasBirthDate()
                    ? patient.getBirthDate().toInstant().atZone(ZoneOffset.UTC).toLocalDate()
                    : null;
            String sex = patient.hasGender() ? patient.getGender().toCode() : null;
            int stagedBefore = staged.records + staged.bundles;
            boolean bundles = p.getTypes().contains(ExportJobParameters.TYPE_BUNDLE);
            // Stored transitions: the records' and bundles' content, and for _since whether any remain.
            List<Observation> stored =
                    new ArrayList<>(store.storedTransitions(patientId).values());
            stored.sort(java.util.Comparator.comparing(
                            (Observation o) -> o.getEffectivePeriod().getStart())
                    .thenComparing(o -> o.getIdElement().getIdPart()));
            // Everything released about the subject, across outputs, for k-anonymity.
            SortedSet<Integer> ages = new TreeSet<>();
            SortedSet<String> patientFields = new TreeSet<>();
            if (p.getTypes().contains(ExportJobParameters.TYPE_RESEARCH)) {
                // Records from the stored transitions and the facts of their episodes: nothing is derived again.
                PatientFacts source = stored.isEmpty() ? null : facts.read(patientId);
                for (Observation o : stored) {
                    StoredTransition t = StoredTransition.read(o);
                    ResearchRecord r = records.record(t, source, born, sex);
                    storage.stage(
                            exportId,
                            KIND_RESEARCH,
                            subject,
                            r.ageYears(),
                            r.json().toString());
                    ages.add(r.ageYears() == null ? -1 : r.ageYears());
                    staged.records++;
                }
            }
            if (bundles) {
                for (Bundle bundle : assembler.assemble(patientId, stored, "")) {
                    Bundle out = engine.deidentifyBundle(bundle, patientId);
                    Patient released = releasedPatient(out);
                    // Every bundle of the patient carries the same released Patient: read its fields once.
                    if (released != null && patientFields.isEmpty()) {
                        patientFields.addAll(SubjectQuasi.fieldsOf(
                                fhirContext.newJsonParser().encodeResourceToString(released)));
                    }
                    storage.stage(
                            exportId,
                            KIND_BUNDLE,
                            subject,
                            null,
                            fhirContext.newJsonParser().setPrettyPrint(false).encodeResourceToString(out));
                    staged.bundles++;
                }
            }
            if (staged.records + staged.bundles > stagedBefore) {
                storage.stageSubject(exportId, new SubjectQuasi(subject, sex, ages, patientFields));
            }
            if (p.getSince() != null && stored.isEmpty() && staged.records + staged.bundles == stagedBefore) {
                // Selected because transitions were removed, and none remain.
                staged.subjectsWithoutTransitions.add(subject);
            }
            return null;
        });
    }

    private static Patient releasedPatient(Bundle bundle) {
        return bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(Patient.class::isInstance)
                .map(Patient.class::cast)
                .findFirst()
                .orElse(null);
    }
}
