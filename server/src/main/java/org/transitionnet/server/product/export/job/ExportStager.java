package org.transitionnet.server.product.export.job;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.transitionnet.server.product.job.PatientStager;
import org.transitionnet.server.record.facts.FactStore;
import org.transitionnet.server.record.facts.PatientFacts;
import org.transitionnet.server.release.deid.DeidEngine;
import org.transitionnet.server.release.deid.DeidEngines;
import org.transitionnet.server.release.policy.AdverseEventPolicy;
import org.transitionnet.server.release.policy.BundleAdverseEvents;
import org.transitionnet.server.release.policy.SubjectQuasi;

/**
 * What an export stages of one patient: the research records built from the stored transitions and the facts of
 * their episodes, and the de-identified TransitionBundles, staged (already de-identified) with the subject's
 * quasi-identifiers for k-anonymity. Adverse events the release policy withholds (sensitive findings) leave both
 * outputs here, and are counted per category. Nothing is derived again. An incremental export also notes subjects it was
 * asked about (transitions removed) that have nothing left.
 */
public record ExportStager(
        FactStore facts,
        MappingCatalogue catalog,
        TransitionStore store,
        TransitionBundleAssembler assembler,
        DeidEngines deid,
        ExportStorage storage,
        FhirContext fhirContext,
        AdverseEventPolicy adverseEvents)
        implements PatientStager<ExportJobParameters, StagedChunk> {

    @Override
    public Chunk<StagedChunk> forChunk(ExportJobParameters p, String exportId) {
        // One engine per export: its release time, and its own key when pseudonyms must not link.
        DeidEngine engine = deid.forExport(Instant.parse(p.getTransactionTime()), p.getPseudonymSalt());
        ResearchRecordFactory records = new ResearchRecordFactory(engine, catalog, adverseEvents);
        return new Chunk<>(
                StagedChunk::new,
                patientId -> storage.removeStaged(exportId, engine.patientPseudonym(patientId)),
                (patientId, patient, staged) -> stagePatient(p, exportId, engine, records, patientId, patient, staged));
    }

    private void stagePatient(
            ExportJobParameters p,
            String exportId,
            DeidEngine engine,
            ResearchRecordFactory records,
            String patientId,
            Patient patient,
            StagedChunk staged) {
        String subject = engine.patientPseudonym(patientId);
        LocalDate born = patient.hasBirthDate()
                ? patient.getBirthDate().toInstant().atZone(ZoneOffset.UTC).toLocalDate()
                : null;
        String sex = patient.hasGender() ? patient.getGender().toCode() : null;
        boolean bundles = p.getTypes().contains(ExportJobParameters.TYPE_BUNDLE);
        // Stored transitions: the records' and bundles' content, and for _since whether any remain.
        List<Observation> stored =
                new ArrayList<>(store.storedTransitions(patientId).values());
        stored.sort(
                Comparator.comparing((Observation o) -> o.getEffectivePeriod().getStart())
                        .thenComparing(o -> o.getIdElement().getIdPart()));
        // Everything released about the subject, across outputs, for k-anonymity.
        SortedSet<Integer> ages = new TreeSet<>();
        SortedSet<String> patientFields = new TreeSet<>();
        // What the release policy withholds of the adverse events, once per transition whatever the outputs.
        for (Observation o : stored) {
            adverseEvents
                    .withheld(StoredTransition.read(o).adverseEventCodes())
                    .forEach((category, n) -> staged.adverseEventsWithheld.merge(category, n, Integer::sum));
        }
        if (p.getTypes().contains(ExportJobParameters.TYPE_RESEARCH)) {
            // Records from the stored transitions and the facts of their episodes: nothing is derived again.
            PatientFacts source = stored.isEmpty() ? null : facts.read(patientId);
            for (Observation o : stored) {
                StoredTransition t = StoredTransition.read(o);
                ResearchRecord r = records.record(t, source, born, sex);
                storage.stage(
                        exportId,
                        ExportStorage.KIND_RESEARCH,
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
                    patientFields.addAll(
                            SubjectQuasi.fieldsOf(fhirContext.newJsonParser().encodeResourceToString(released)));
                }
                storage.stage(
                        exportId,
                        ExportStorage.KIND_BUNDLE,
                        subject,
                        null,
                        BundleAdverseEvents.withholding(
                                fhirContext
                                        .newJsonParser()
                                        .setPrettyPrint(false)
                                        .encodeResourceToString(out),
                                adverseEvents));
                staged.bundles++;
            }
        }
        if (staged.records + staged.bundles > 0) {
            storage.stageSubject(exportId, new SubjectQuasi(subject, sex, ages, patientFields));
        }
        if (p.getSince() != null && stored.isEmpty() && staged.records + staged.bundles == 0) {
            // Selected because transitions were removed, and none remain.
            staged.subjectsWithoutTransitions.add(subject);
        }
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
