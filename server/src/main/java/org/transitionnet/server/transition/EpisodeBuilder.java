package org.transitionnet.server.transition;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Timing;
import org.transitionnet.server.mapping.ActionClass;
import org.transitionnet.server.mapping.ActionClassifier;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a patient's action episodes. Prescriptions of one class that overlap, follow each other
 * within the merge gap, or renew one another (a prescription without recorded end followed by the next
 * within the renewal gap) form one episode; a prescription never started (cancelled, draft) or
 * recorded in error forms none. A merged episode keeps the first prescription's start, dosage and identity and
 * the last one's status.
 */
public class EpisodeBuilder {

	private final ActionClassifier classifier;
	private final Duration mergeGap;
	private final Duration renewalGap;

	public EpisodeBuilder(ActionClassifier classifier, int mergeGapDays, int renewalGapDays) {
		this.classifier = classifier;
		this.mergeGap = Duration.ofDays(mergeGapDays);
		this.renewalGap = Duration.ofDays(renewalGapDays);
	}

	public List<ActionEpisode> build(PatientRecord record) {
		Map<ActionClass, List<ActionEpisode>> byClass = new LinkedHashMap<>();
		for (MedicationRequest request : record.medicationRequests()) {
			fromMedicationRequest(request, record).ifPresent(e -> byClass.computeIfAbsent(e.actionClass(), c -> new ArrayList<>()).add(e));
		}
		for (CarePlan plan : record.carePlans()) {
			for (ActionEpisode e : fromCarePlan(plan)) {
				byClass.computeIfAbsent(e.actionClass(), c -> new ArrayList<>()).add(e);
			}
		}
		List<ActionEpisode> episodes = new ArrayList<>();
		byClass.values().forEach(list -> episodes.addAll(merge(list)));
		episodes.sort(Comparator.comparing(ActionEpisode::start).thenComparing(e -> e.actionClass().id()));
		return episodes;
	}

	private Optional<ActionEpisode> fromMedicationRequest(MedicationRequest request, PatientRecord record) {
		ActionEpisode.Status status = switch (request.getStatus() == null ? MedicationRequest.MedicationRequestStatus.NULL : request.getStatus()) {
			case ACTIVE -> ActionEpisode.Status.ACTIVE;
			case ONHOLD -> ActionEpisode.Status.ON_HOLD;
			case COMPLETED -> ActionEpisode.Status.COMPLETED;
			case STOPPED -> ActionEpisode.Status.STOPPED;
			default -> null;
		};
		if (status == null) {
			return Optional.empty();
		}
		CodeableConcept medication = request.hasMedicationCodeableConcept()
				? request.getMedicationCodeableConcept()
				: record.medicationCodes().get(request.getMedicationReference().getReference());
		Optional<ActionClass> actionClass = classifier.classifyMedication(medication);
		Period bounds = boundsPeriod(request);
		Instant start = first(request.getAuthoredOn(), bounds.getStart(), request.getDispenseRequest().getValidityPeriod().getStart());
		if (actionClass.isEmpty() || start == null) {
			return Optional.empty();
		}
		Instant end = first(bounds.getEnd(), request.getDispenseRequest().getValidityPeriod().getEnd());
		String reference = "MedicationRequest/" + request.getIdElement().getIdPart();
		return Optional.of(new ActionEpisode(actionClass.get(), start, end, status, reference, List.of(reference), dosage(request)));
	}

	private List<ActionEpisode> fromCarePlan(CarePlan plan) {
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
		String reference = "CarePlan/" + plan.getIdElement().getIdPart();
		List<ActionEpisode> episodes = new ArrayList<>();
		for (ActionClass c : classifier.classifyCarePlan(plan)) {
			episodes.add(new ActionEpisode(c, start, end, status, reference, List.of(reference), ActionEpisode.Dosage.NONE));
		}
		return episodes;
	}

	private List<ActionEpisode> merge(List<ActionEpisode> sameClass) {
		sameClass.sort(Comparator.comparing(ActionEpisode::start).thenComparing(ActionEpisode::anchor));
		List<ActionEpisode> merged = new ArrayList<>();
		ActionEpisode current = null;
		Instant lastStart = null;
		for (ActionEpisode next : sameClass) {
			if (current != null && continues(current, lastStart, next)) {
				List<String> sources = new ArrayList<>(current.sources());
				sources.addAll(next.sources());
				Instant end = current.end() == null || next.end() == null ? null : max(current.end(), next.end());
				current = new ActionEpisode(current.actionClass(), current.start(), end, next.status(), current.anchor(),
						List.copyOf(sources), current.dosage());
			} else {
				if (current != null) {
					merged.add(current);
				}
				current = next;
			}
			lastStart = next.start();
		}
		if (current != null) {
			merged.add(current);
		}
		return merged;
	}

	/**
	 * Whether {@code next} continues the episode: it starts while the episode is ongoing, or within the
	 * merge gap after its recorded end, or, when the episode's last prescription ended without a recorded
	 * end (typical of renewed prescriptions), within the renewal gap after that prescription started.
	 */
	private boolean continues(ActionEpisode current, Instant lastStart, ActionEpisode next) {
		if (current.end() != null) {
			return !next.start().isAfter(current.end().plus(mergeGap));
		}
		if (current.assumedEnd() == null) {
			return true;
		}
		return !next.start().isAfter(lastStart.plus(renewalGap));
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

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}
}
