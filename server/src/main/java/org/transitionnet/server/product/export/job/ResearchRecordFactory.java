package org.transitionnet.server.product.export.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.transitionnet.catalogue.ActionClass;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.derivation.transition.DayOffsets;
import org.transitionnet.server.derivation.transition.StoredTransition;
import org.transitionnet.server.ig.TransitionVocabulary;
import org.transitionnet.server.record.facts.ActionFact;
import org.transitionnet.server.record.facts.PatientFacts;
import org.transitionnet.server.record.patient.ActionEpisode;
import org.transitionnet.server.release.deid.DeidEngine;
import org.transitionnet.server.release.deid.Generalizer;
import org.transitionnet.server.release.policy.AdverseEventPolicy;

/**
 * Turns a stored transition (with the facts of its episode's sources) into the flat ResearchTransition record (logical model
 * {@code research-transition}): pseudonymous subject, age band, sex, the action, day offsets
 * relative to the action start — never calendar dates — and the observational-data statement.
 * Free text never enters a record: only codes, numbers and units. Adverse events are those the release's
 * {@link AdverseEventPolicy} releases: sensitive findings, status findings and unclassified codes are not.
 */
public class ResearchRecordFactory {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DOSE = Pattern.compile("^([0-9.]+)(?: (.+))?$");
    private static final Pattern FREQUENCY = Pattern.compile("^([0-9]+) per ([0-9.]+) (s|min|h|d|wk|mo|a)$");
    private static final Map<String, Double> UNIT_DAYS =
            Map.of("s", 1.0 / 86400, "min", 1.0 / 1440, "h", 1.0 / 24, "d", 1.0, "wk", 7.0, "mo", 30.0, "a", 365.0);

    private final DeidEngine deid;
    private final MappingCatalogue catalog;
    private final AdverseEventPolicy adverseEvents;

    /** With the default adverse-event policy (every sensitive category and unclassified codes withheld). */
    public ResearchRecordFactory(DeidEngine deid, MappingCatalogue catalog) {
        this(deid, catalog, AdverseEventPolicy.defaults(catalog));
    }

    public ResearchRecordFactory(DeidEngine deid, MappingCatalogue catalog, AdverseEventPolicy adverseEvents) {
        this.deid = deid;
        this.catalog = catalog;
        this.adverseEvents = adverseEvents;
    }

    /**
     * @param birthDate the patient's birth date (for the age band); null gives the band "unknown"
     * @param sex       the administrative gender code, or null
     */
    public ResearchRecord record(StoredTransition t, PatientFacts source, LocalDate birthDate, String sex) {
        Episode episode = episode(t, source);
        ObjectNode r = JSON.createObjectNode();
        r.put("resourceType", "ResearchTransition");
        r.put("subjectPseudonym", deid.patientPseudonym(t.patientId()));
        LocalDate actionStart = episode.start().atZone(ZoneOffset.UTC).toLocalDate();
        Integer age = birthDate == null
                ? null
                : Period.between(birthDate, actionStart).getYears();
        r.put("ageBand", age == null ? "unknown" : Generalizer.ageBand(age));
        if (sex != null) {
            r.put("sex", sex);
        }
        r.set("action", action(t, episode));
        r.set(
                "stateVariable",
                coding(
                        TransitionVocabulary.CS_STATE_VARIABLE,
                        t.stateVariable().getCode(),
                        t.stateVariable().getDisplay()));
        String unit = catalog.stateVariable(t.stateVariable().getCode())
                .map(v -> v.canonicalUnit())
                .orElseThrow(() -> new IllegalStateException(
                        "state variable " + t.stateVariable().getCode() + " is not in the catalogue"));
        r.set("baseline", measurement(t.baseline(), unit, DayOffsets.between(episode.start(), t.baselineTime())));
        r.set("followUp", measurement(t.followUp(), unit, DayOffsets.between(episode.start(), t.followUpTime())));
        r.set("delta", quantity(t.delta(), unit));
        if (t.relativeChange() != null) {
            r.put("relativeChange", t.relativeChange());
        }
        r.put("direction", t.direction());
        r.put("intervalDays", t.intervalDays());
        r.put("confidence", t.confidence());
        ArrayNode co = r.putArray("coInterventionClass");
        for (String id : new LinkedHashSet<>(t.coInterventionClasses())) {
            catalog.actionClass(id).ifPresent(c -> co.add(actionClass(c)));
        }
        ArrayNode ae = r.putArray("adverseEventClass");
        for (CodeableConcept event : adverseEvents.released(t.adverseEventCodes())) {
            if (event.hasCoding()) {
                ObjectNode concept = JSON.createObjectNode();
                ArrayNode codings = concept.putArray("coding");
                event.getCoding().forEach(c -> codings.add(coding(c.getSystem(), c.getCode(), c.getDisplay())));
                ae.add(concept);
            }
        }
        r.put("mappingVersion", t.mappingVersion());
        r.put("observationalDataStatement", TransitionVocabulary.DISCLAIMER);
        return new ResearchRecord(r, r.get("subjectPseudonym").asText(), age, sex);
    }

    /** What a record tells of the episode, from the facts of its sources: start, end, the anchor's dosage and codes. */
    private record Episode(Instant start, Instant end, ActionEpisode.Dosage dosage, List<Coding> codes) {}

    /**
     * The episode as derivation merged it: the anchor's start, dosage and codes; the latest recorded
     * end of its sources, or none while any of them has none.
     */
    private static Episode episode(StoredTransition t, PatientFacts facts) {
        ActionFact anchor = null;
        Instant end = null;
        boolean open = false;
        for (String source : t.sources()) {
            ActionFact fact = facts.actions().stream()
                    .filter(a -> a.source().equals(source))
                    .findFirst()
                    .orElse(null);
            if (fact == null) {
                continue;
            }
            if (anchor == null && source.equals(t.anchor())) {
                anchor = fact;
            }
            if (fact.end() == null) {
                open = true;
            } else if (end == null || fact.end().isAfter(end)) {
                end = fact.end();
            }
        }
        if (anchor == null) {
            throw new IllegalStateException(
                    "no action fact for " + t.anchor() + " of transition " + t.id() + "; re-derive the patient");
        }
        return new Episode(anchor.start(), open ? null : end, anchor.dosage(), anchor.codes());
    }

    private ObjectNode action(StoredTransition t, Episode episode) {
        ObjectNode action = JSON.createObjectNode();
        ArrayNode classes = action.putArray("class");
        for (Coding c : t.actionClasses()) {
            classes.add(coding(c.getSystem(), c.getCode(), c.getDisplay()));
        }
        ArrayNode codes = action.putArray("code");
        episode.codes().forEach(c -> codes.add(coding(c.getSystem(), c.getCode(), c.getDisplay())));
        ActionEpisode.Dosage dosage = episode.dosage();
        if (dosage != null && dosage.dose() != null) {
            Matcher m = DOSE.matcher(dosage.dose());
            if (m.matches()) {
                ObjectNode dose = action.putObject("dose");
                dose.put("value", new BigDecimal(m.group(1)));
                if (m.group(2) != null) {
                    dose.put("unit", m.group(2));
                }
            }
        }
        if (dosage != null && dosage.frequency() != null) {
            Matcher m = FREQUENCY.matcher(dosage.frequency());
            if (m.matches()) {
                double perDay =
                        Integer.parseInt(m.group(1)) / (Double.parseDouble(m.group(2)) * UNIT_DAYS.get(m.group(3)));
                action.put(
                        "frequency",
                        BigDecimal.valueOf(perDay)
                                .setScale(3, RoundingMode.HALF_UP)
                                .stripTrailingZeros());
            }
        }
        if (dosage != null && dosage.route() != null) {
            action.set("route", coding(null, dosage.route(), null));
        }
        if (episode.end() != null) {
            action.put(
                    "durationDays",
                    Duration.between(episode.start(), episode.end()).toDays());
        }
        return action;
    }

    private static ObjectNode actionClass(ActionClass c) {
        return coding(TransitionVocabulary.CS_ACTION_CLASS, c.id(), c.display());
    }

    private static ObjectNode measurement(BigDecimal value, String unit, long dayOffset) {
        ObjectNode m = JSON.createObjectNode();
        m.set("value", quantity(value, unit));
        m.put("dayOffset", dayOffset);
        return m;
    }

    private static ObjectNode quantity(BigDecimal value, String unit) {
        ObjectNode q = JSON.createObjectNode();
        q.put("value", value);
        q.put("unit", unit);
        q.put("system", TransitionVocabulary.UCUM);
        q.put("code", unit);
        return q;
    }

    private static ObjectNode coding(String system, String code, String display) {
        ObjectNode c = JSON.createObjectNode();
        if (system != null) {
            c.put("system", system);
        }
        c.put("code", code);
        if (display != null) {
            c.put("display", display);
        }
        return c;
    }
}
