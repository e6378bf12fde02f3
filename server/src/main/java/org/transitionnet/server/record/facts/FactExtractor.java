package org.transitionnet.server.record.facts;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;
import org.transitionnet.catalogue.ActionClass;
import org.transitionnet.server.record.mapping.ActionClassifier;
import org.transitionnet.server.record.mapping.ActionKindReader;
import org.transitionnet.server.record.mapping.ObservationClassifier;
import org.transitionnet.server.record.mapping.StateMeasurement;
import org.transitionnet.server.record.patient.ActionEpisode;
import org.transitionnet.server.record.patient.DerivedResources;
import org.transitionnet.server.record.patient.PatientRecord;

/**
 * Reduces source resources to the facts derivation needs, with the mapping catalogue: which elements
 * of an Observation, Condition or AdverseEvent matter, and, for every action kind (MedicationRequest,
 * CarePlan, Procedure ...), what the catalogue's kind says through one generic reader. Used at write time (the projection) and on full records (rebuilds, and as the test oracle).
 * Resources the catalogue does not cover give no facts.
 */
public class FactExtractor {

    private final ObservationClassifier observations;
    private final ActionClassifier actions;

    public FactExtractor(ObservationClassifier observations, ActionClassifier actions) {
        this.observations = observations;
        this.actions = actions;
    }

    /** The facts of one stored source resource. */
    public record SourceFacts(List<StateMeasurement> measurements, List<ActionFact> actions, List<EventFact> events) {
        public static final SourceFacts NONE = new SourceFacts(List.of(), List.of(), List.of());

        public boolean isEmpty() {
            return measurements.isEmpty() && actions.isEmpty() && events.isEmpty();
        }
    }

    /**
     * @param medicationCode the code of a referenced Medication by reference (e.g. {@code Medication/12}), or null when unknown
     */
    public SourceFacts of(IBaseResource resource, Function<String, CodeableConcept> medicationCode) {
        if (resource == null || DerivedResources.isDerived(resource)) {
            return SourceFacts.NONE;
        }
        if (resource instanceof Observation o) {
            return new SourceFacts(observations.classify(o), List.of(), List.of());
        }
        if (resource instanceof Resource r && actions.readerOf(r.fhirType()).isPresent()) {
            return new SourceFacts(List.of(), actions(r, medicationCode), List.of());
        }
        if (resource instanceof Condition c) {
            return new SourceFacts(List.of(), List.of(), condition(c).stream().toList());
        }
        if (resource instanceof AdverseEvent a) {
            return new SourceFacts(
                    List.of(), List.of(), adverseEvent(a).stream().toList());
        }
        return SourceFacts.NONE;
    }

    /** Every fact of a patient's full record (what the projection holds for them). */
    public PatientFacts fromRecord(PatientRecord record) {
        List<StateMeasurement> measurements = new ArrayList<>();
        List<ActionFact> actionFacts = new ArrayList<>();
        List<EventFact> events = new ArrayList<>();
        for (Observation o : record.observations()) {
            if (!DerivedResources.isDerived(o)) {
                measurements.addAll(observations.classify(o));
            }
        }
        record.actions().forEach(r -> actionFacts.addAll(actions(r, record.medicationCodes()::get)));
        record.conditions().forEach(c -> condition(c).ifPresent(events::add));
        record.adverseEvents().forEach(a -> adverseEvent(a).ifPresent(events::add));
        return new PatientFacts(record.patientId(), measurements, actionFacts, events);
    }

    /**
     * The action facts of a resource of an action kind, read as the kind says (see {@link ActionKindReader}):
     * one per class it is placed in; none when its kind does not map its status, it has no start, or no class
     * owns its codes.
     *
     * @param referencedCode the code of a resource its code element references (e.g. a Medication), or null when unknown
     */
    public List<ActionFact> actions(Resource resource, Function<String, CodeableConcept> referencedCode) {
        Optional<ActionKindReader> reader = actions.readerOf(resource.fhirType());
        if (reader.isEmpty()) {
            return List.of();
        }
        Optional<ActionKindReader.RecordedAction> recorded = reader.get().read(resource, referencedCode);
        if (recorded.isEmpty()) {
            return List.of();
        }
        ActionKindReader.RecordedAction action = recorded.get();
        List<CodeableConcept> concepts = new ArrayList<>();
        action.codes().values().forEach(concepts::addAll);
        List<Coding> codes = codings(concepts);
        ActionEpisode.Status status = ActionEpisode.Status.fromCode(action.status());
        ActionEpisode.Dosage dosage = dosage(action.dosage());
        String source = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
        List<ActionFact> facts = new ArrayList<>();
        for (ActionClass c : actions.classify(reader.get().kind(), action.codes())) {
            facts.add(new ActionFact(source, c.id(), action.start(), action.end(), status, dosage, codes));
        }
        return facts;
    }

    public Optional<EventFact> condition(Condition condition) {
        String verification =
                condition.getVerificationStatus().getCodingFirstRep().getCode();
        if ("entered-in-error".equals(verification) || "refuted".equals(verification)) {
            return Optional.empty();
        }
        Date date = condition.hasOnsetDateTimeType()
                ? condition.getOnsetDateTimeType().getValue()
                : condition.hasOnsetPeriod() ? condition.getOnsetPeriod().getStart() : condition.getRecordedDate();
        return date == null
                ? Optional.empty()
                : Optional.of(new EventFact(
                        "Condition/" + condition.getIdElement().getIdPart(),
                        date.toInstant(),
                        codings(List.of(condition.getCode()))));
    }

    public Optional<EventFact> adverseEvent(AdverseEvent event) {
        if (!event.hasDate() || event.getActuality() == AdverseEvent.AdverseEventActuality.POTENTIAL) {
            return Optional.empty();
        }
        return Optional.of(new EventFact(
                "AdverseEvent/" + event.getIdElement().getIdPart(),
                event.getDate().toInstant(),
                codings(List.of(event.getEvent()))));
    }

    /** Codings only (system, code, display): texts are free text and never travel. */
    private static List<Coding> codings(List<CodeableConcept> concepts) {
        List<Coding> out = new ArrayList<>();
        for (CodeableConcept concept : concepts) {
            if (concept != null) {
                concept.getCoding().forEach(c -> out.add(new Coding(c.getSystem(), c.getCode(), c.getDisplay())));
            }
        }
        return out;
    }

    /** Dose, frequency and route of a FHIR Dosage, as text; none without one. */
    private static ActionEpisode.Dosage dosage(Dosage dosage) {
        if (dosage == null) {
            return ActionEpisode.Dosage.NONE;
        }
        String dose = null;
        if (dosage.hasDoseAndRate() && dosage.getDoseAndRateFirstRep().hasDoseQuantity()) {
            Quantity q = dosage.getDoseAndRateFirstRep().getDoseQuantity();
            dose = q.getValue().stripTrailingZeros().toPlainString()
                    + (q.hasUnit() ? " " + q.getUnit() : q.hasCode() ? " " + q.getCode() : "");
        }
        String frequency = null;
        Timing.TimingRepeatComponent repeat = dosage.getTiming().getRepeat();
        if (repeat.hasFrequency() && repeat.hasPeriod() && repeat.hasPeriodUnit()) {
            frequency = repeat.getFrequency() + " per "
                    + repeat.getPeriod().stripTrailingZeros().toPlainString() + " "
                    + repeat.getPeriodUnit().toCode();
        } else if (dosage.getTiming().hasCode()) {
            frequency = dosage.getTiming().getCode().getCodingFirstRep().getCode();
        }
        String route = dosage.hasRoute() ? dosage.getRoute().getCodingFirstRep().getCode() : null;
        return new ActionEpisode.Dosage(dose, frequency, route);
    }
}
