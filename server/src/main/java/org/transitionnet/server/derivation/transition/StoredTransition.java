package org.transitionnet.server.derivation.transition;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.transitionnet.server.ig.TransitionVocabulary;

/**
 * A stored TransitionObservation, decoded: the one reader of that representation. Every reader of
 * stored transitions ({@code $transitions} filters, {@code $trajectory}, research records) goes
 * through it instead of walking components and extensions by hand, and none recomputes what is stored.
 *
 * @param sources        the episode's source orders or plans, oldest first (the first is its anchor)
 * @param actionClasses  the episode's class and its ancestors, most specific first
 * @param coInterventionClasses classes of other actions in effect during the transition
 * @param adverseEventCodes codes of new conditions and adverse events during the follow-up
 */
public record StoredTransition(
        String id,
        String patientId,
        Coding stateVariable,
        List<Coding> actionClasses,
        List<String> sources,
        String baselineSource,
        Instant baselineTime,
        BigDecimal baseline,
        String followUpSource,
        Instant followUpTime,
        BigDecimal followUp,
        BigDecimal delta,
        BigDecimal relativeChange,
        long intervalDays,
        String direction,
        BigDecimal confidence,
        List<String> coInterventionClasses,
        List<CodeableConcept> adverseEventCodes,
        String mappingVersion) {

    public static StoredTransition read(Observation o) {
        Coding variable = o.getCode().getCoding().stream()
                .filter(c -> TransitionVocabulary.CS_STATE_VARIABLE.equals(c.getSystem()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "Observation/" + o.getIdElement().getIdPart() + " is no transition"));
        List<Coding> classes = new ArrayList<>();
        o.getExtensionsByUrl(TransitionVocabulary.EXT_ACTION_CLASS).forEach(e -> classes.add((Coding) e.getValue()));
        List<String> sources = ActionReferences.of(o);
        BigDecimal baseline = null, followUp = null, delta = null, relative = null, confidence = null;
        long interval = 0;
        String direction = null;
        for (Observation.ObservationComponentComponent c : o.getComponent()) {
            String code = c.getCode().getCodingFirstRep().getCode();
            switch (code) {
                case "baseline" -> baseline = quantity(c);
                case "follow-up" -> followUp = quantity(c);
                case "delta" -> delta = quantity(c);
                case "relative-change" -> relative = quantity(c);
                case "interval" -> interval = quantity(c).longValueExact();
                case "confidence" -> confidence = quantity(c);
                case "direction" ->
                    direction = c.getValueCodeableConcept().getCodingFirstRep().getCode();
                default -> {}
            }
        }
        List<String> coInterventions = new ArrayList<>();
        for (Extension co : o.getExtensionsByUrl(TransitionVocabulary.EXT_CO_INTERVENTION)) {
            Extension actionClass = co.getExtensionByUrl("actionClass");
            if (actionClass != null) {
                coInterventions.add(((Coding) actionClass.getValue()).getCode());
            }
        }
        List<CodeableConcept> events = new ArrayList<>();
        for (Extension ae : o.getExtensionsByUrl(TransitionVocabulary.EXT_ADVERSE_EVENT)) {
            Extension eventClass = ae.getExtensionByUrl("eventClass");
            events.add(eventClass == null ? new CodeableConcept() : (CodeableConcept) eventClass.getValue());
        }
        Extension rule = o.getExtensionByUrl(TransitionVocabulary.EXT_MAPPING_RULE);
        Extension version = rule == null ? null : rule.getExtensionByUrl("catalogueVersion");
        return new StoredTransition(
                o.getIdElement().getIdPart(),
                o.getSubject().getReferenceElement().getIdPart(),
                variable,
                classes,
                sources,
                o.getDerivedFrom().get(0).getReference(),
                o.getEffectivePeriod().getStart().toInstant(),
                baseline,
                o.getDerivedFrom().get(1).getReference(),
                o.getEffectivePeriod().getEnd().toInstant(),
                followUp,
                delta,
                relative,
                interval,
                direction,
                confidence,
                coInterventions,
                events,
                version == null ? null : version.getValue().primitiveValue());
    }

    /** The episode's anchor: the order or plan that started it. */
    public String anchor() {
        return sources.get(0);
    }

    /** Whether the episode's class, at any level of the hierarchy, is the given one. */
    public boolean hasActionClass(String code) {
        return actionClasses.stream().anyMatch(c -> code.equals(c.getCode()));
    }

    private static BigDecimal quantity(Observation.ObservationComponentComponent c) {
        return ((Quantity) c.getValue()).getValue();
    }
}
