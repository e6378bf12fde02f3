package org.transitionnet.server.record.facts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.catalogue.Measurement;
import org.transitionnet.catalogue.StateVariable;
import org.transitionnet.server.record.patient.PatientRecord;
import org.transitionnet.server.record.patient.PatientRecordLoader;

/**
 * Rebuilds one patient's facts from stored resources, for data stored before the projection existed
 * or facts built with another catalogue version. Observations are read by the catalogue's codes only
 * (a token search), never the whole history; orders, plans, conditions and adverse events are few.
 */
public class FactRebuilder {

    private final PatientRecordLoader loader;
    private final FactExtractor extractor;
    private final FactStore store;
    private final List<String> observationCodes;

    public FactRebuilder(
            PatientRecordLoader loader, FactExtractor extractor, FactStore store, MappingCatalogue catalog) {
        this.loader = loader;
        this.extractor = extractor;
        this.store = store;
        Set<String> codes = new LinkedHashSet<>();
        for (StateVariable v : catalog.stateVariables()) {
            for (Measurement m : v.measurements()) {
                codes.add(
                        m.observationCode().system() + "|" + m.observationCode().code());
            }
        }
        this.observationCodes = List.copyOf(codes);
    }

    /** The system|code tokens whose Observations hold state measurements. */
    public List<String> observationCodes() {
        return observationCodes;
    }

    public void rebuild(String patientId) {
        PatientRecord record = loader.load(patientId, observationCodes);
        List<FactStore.VersionedFacts> sources = new ArrayList<>();
        List<Resource> all = new ArrayList<>();
        all.addAll(record.observations());
        all.addAll(record.actions());
        all.addAll(record.conditions());
        all.addAll(record.adverseEvents());
        for (Resource r : all) {
            FactExtractor.SourceFacts facts = extractor.of(r, record.medicationCodes()::get);
            if (!facts.isEmpty()) {
                sources.add(new FactStore.VersionedFacts(r.getIdElement().getVersionIdPartAsLong(), facts));
            }
        }
        store.replacePatient(patientId, sources);
    }
}
