package org.transitionnet.server.facts;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Timing;
import org.transitionnet.server.mapping.ActionClass;
import org.transitionnet.server.mapping.ActionClassifier;
import org.transitionnet.server.mapping.ObservationClassifier;
import org.transitionnet.server.mapping.StateMeasurement;
import org.transitionnet.server.transition.ActionEpisode;
import org.transitionnet.server.transition.DerivedResources;
import org.transitionnet.server.transition.PatientRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reduces source resources to the facts derivation needs, with the mapping catalogue: the one place
 * that knows which elements of an Observation, MedicationRequest, CarePlan, Condition or AdverseEvent
 * matter. Used at write time (the projection) and on full records (rebuilds, and as the test oracle).
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
		if (resource instanceof MedicationRequest r) {
			return new SourceFacts(List.of(), medicationRequest(r, medicationCode), List.of());
		}
		if (resource instanceof CarePlan c) {
			return new SourceFacts(List.of(), carePlan(c), List.of());
		}
		if (resource instanceof Condition c) {
			return new SourceFacts(List.of(), List.of(), condition(c).stream().toList());
		}
		if (resource instanceof AdverseEvent a) {
			return new SourceFacts(List.of(), List.of(), adverseEvent(a).stream().toList());
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
		record.medicationRequests().forEach(r -> actionFacts.addAll(medicationRequest(r, record.medicationCodes()::get)));
		record.carePlans().forEach(c -> actionFacts.addAll(carePlan(c)));
		record.conditions().forEach(c -> condition(c).ifPresent(events::add));
		record.adverseEvents().forEach(a -> adverseEvent(a).ifPresent(events::add));
		return new PatientFacts(record.patientId(), measurements, actionFacts, events);
	}

	public List<ActionFact> medicationRequest(MedicationRequest request, Function<String, CodeableConcept> medicationCode) {
		ActionEpisode.Status status = switch (request.getStatus() == null ? MedicationRequest.MedicationRequestStatus.NULL : request.getStatus()) {
			case ACTIVE -> ActionEpisode.Status.ACTIVE;
			case ONHOLD -> ActionEpisode.Status.ON_HOLD;
			case COMPLETED -> ActionEpisode.Status.COMPLETED;
			case STOPPED -> ActionEpisode.Status.STOPPED;
			default -> null;
		};
		if (status == null) {
			return List.of();
		}
		CodeableConcept medication = request.hasMedicationCodeableConcept()
				? request.getMedicationCodeableConcept()
				: request.hasMedicationReference() ? medicationCode.apply(request.getMedicationReference().getReference()) : null;
		Optional<ActionClass> actionClass = actions.classifyMedication(medication);
		Period bounds = boundsPeriod(request);
		Instant start = first(request.getAuthoredOn(), bounds.getStart(), request.getDispenseRequest().getValidityPeriod().getStart());
		if (actionClass.isEmpty() || start == null) {
			return List.of();
		}
		Instant end = first(bounds.getEnd(), request.getDispenseRequest().getValidityPeriod().getEnd());
		return List.of(new ActionFact("MedicationRequest/" + request.getIdElement().getIdPart(), actionClass.get().id(), start, end, status,
				dosage(request), codings(List.of(medication))));
	}

	public List<ActionFact> carePlan(CarePlan plan) {
		ActionEpisode.Status status = switch (plan.getStatus() == null ? CarePlan.CarePlanStatus.NULL : plan.getStatus()) {
			case ACTIVE -> ActionEpisode.Status.ACTIVE;
			case ONHOLD -> ActionEpisode.Status.ON_HOLD;
			case COMPLETED -> ActionEpisode.Status.COMPLETED;
			case REVOKED -> ActionEpisode.Status.STOPPED;
			default -> null;
		};
		Instant start = first(plan.getPeriod().getStart(), plan.getCreated());
		if (status == null || start == null) {
			return List.of();
		}
		Instant end = first(plan.getPeriod().getEnd());
		List<CodeableConcept> concepts = new ArrayList<>(plan.getCategory());
		plan.getActivity().forEach(a -> concepts.add(a.getDetail().getCode()));
		List<Coding> codes = codings(concepts);
		List<ActionFact> facts = new ArrayList<>();
		for (ActionClass c : actions.classifyCarePlan(plan)) {
			facts.add(new ActionFact("CarePlan/" + plan.getIdElement().getIdPart(), c.id(), start, end, status, ActionEpisode.Dosage.NONE, codes));
		}
		return facts;
	}

	public Optional<EventFact> condition(Condition condition) {
		String verification = condition.getVerificationStatus().getCodingFirstRep().getCode();
		if ("entered-in-error".equals(verification) || "refuted".equals(verification)) {
			return Optional.empty();
		}
		Date date = condition.hasOnsetDateTimeType() ? condition.getOnsetDateTimeType().getValue()
				: condition.hasOnsetPeriod() ? condition.getOnsetPeriod().getStart()
				: condition.getRecordedDate();
		return date == null ? Optional.empty()
				: Optional.of(new EventFact("Condition/" + condition.getIdElement().getIdPart(), date.toInstant(), codings(List.of(condition.getCode()))));
	}

	public Optional<EventFact> adverseEvent(AdverseEvent event) {
		if (!event.hasDate() || event.getActuality() == AdverseEvent.AdverseEventActuality.POTENTIAL) {
			return Optional.empty();
		}
		return Optional.of(new EventFact("AdverseEvent/" + event.getIdElement().getIdPart(), event.getDate().toInstant(),
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

	private static Period boundsPeriod(MedicationRequest request) {
		for (Dosage dosage : request.getDosageInstruction()) {
			Timing.TimingRepeatComponent repeat = dosage.getTiming().getRepeat();
			if (repeat.hasBoundsPeriod()) {
				return repeat.getBoundsPeriod();
			}
		}
		return new Period();
	}

	private static ActionEpisode.Dosage dosage(MedicationRequest request) {
		if (!request.hasDosageInstruction()) {
			return ActionEpisode.Dosage.NONE;
		}
		Dosage dosage = request.getDosageInstructionFirstRep();
		String dose = null;
		if (dosage.hasDoseAndRate() && dosage.getDoseAndRateFirstRep().hasDoseQuantity()) {
			Quantity q = dosage.getDoseAndRateFirstRep().getDoseQuantity();
			dose = q.getValue().stripTrailingZeros().toPlainString() + (q.hasUnit() ? " " + q.getUnit() : q.hasCode() ? " " + q.getCode() : "");
		}
		String frequency = null;
		Timing.TimingRepeatComponent repeat = dosage.getTiming().getRepeat();
		if (repeat.hasFrequency() && repeat.hasPeriod() && repeat.hasPeriodUnit()) {
			frequency = repeat.getFrequency() + " per " + repeat.getPeriod().stripTrailingZeros().toPlainString() + " " + repeat.getPeriodUnit().toCode();
		} else if (dosage.getTiming().hasCode()) {
			frequency = dosage.getTiming().getCode().getCodingFirstRep().getCode();
		}
		String route = dosage.hasRoute() ? dosage.getRoute().getCodingFirstRep().getCode() : null;
		return new ActionEpisode.Dosage(dose, frequency, route);
	}

	private static Instant first(Date... dates) {
		for (Date date : dates) {
			if (date != null) {
				return date.toInstant();
			}
		}
		return null;
	}
}
