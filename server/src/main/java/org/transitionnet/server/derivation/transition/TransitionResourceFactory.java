package org.transitionnet.server.derivation.transition;

import static org.transitionnet.server.fhir.FhirTimes.dateTime;
import static org.transitionnet.server.ig.TransitionVocabulary.*;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.transitionnet.catalogue.ActionClass;
import org.transitionnet.catalogue.ActionKind;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.record.patient.ActionEpisode;

/** Renders derived transitions as FHIR resources conforming to the TransitionNet IG profiles. */
public class TransitionResourceFactory {

    private final MappingCatalogue catalog;

    public TransitionResourceFactory(MappingCatalogue catalog) {
        this.catalog = catalog;
    }

    public Observation observation(Transition t) {
        Observation o = new Observation();
        o.setId(t.id());
        o.getMeta().addProfile(TRANSITION_OBSERVATION_PROFILE);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory().addCoding(new Coding(CS_CATEGORY, CATEGORY_DERIVED, "Derived observational research data"));
        // Only the state-variable code: a LOINC code here would make transitions turn up in plain
        // searches for measurements (Observation?code=4548-4) although they carry no value.
        o.getCode()
                .addCoding(new Coding(
                        CS_STATE_VARIABLE, t.variable().id(), t.variable().display()));
        o.getCode().setText(t.variable().display() + " transition");
        o.setSubject(new Reference("Patient/" + t.patientId()));
        o.setEffective(new Period()
                .setStartElement(dateTime(t.baseline().time()))
                .setEndElement(dateTime(t.followUp().time())));
        ActionKind kind = catalog.kindOf(t.episode().actionClass());
        t.episode().sources().forEach(source -> ActionReferences.add(o, kind, source));
        o.addDerivedFrom(new Reference(t.baseline().source()));
        o.addDerivedFrom(new Reference(t.followUp().source()));

        for (ActionClass c : catalog.lineage(t.episode().actionClass())) {
            o.addExtension(EXT_ACTION_CLASS, actionClassCoding(c));
        }
        Extension rule = o.addExtension().setUrl(EXT_MAPPING_RULE);
        rule.addExtension("ruleId", new StringType(t.ruleId()));
        rule.addExtension("catalogueVersion", new StringType(t.mappingVersion()));
        for (ActionEpisode other : t.coInterventions()) {
            Extension co = o.addExtension().setUrl(EXT_CO_INTERVENTION);
            co.addExtension("action", new Reference(other.anchor()));
            co.addExtension("actionClass", actionClassCoding(other.actionClass()));
        }
        for (AdverseEventRef event : t.adverseEvents()) {
            Extension ae = o.addExtension().setUrl(EXT_ADVERSE_EVENT);
            ae.addExtension("event", new Reference(event.reference()));
            if (event.code() != null && !event.code().isEmpty()) {
                ae.addExtension("eventClass", codeWithoutText(event.code()));
            }
        }

        String unit = t.variable().canonicalUnit();
        component(o, "baseline", quantity(t.baseline().value(), unit));
        component(o, "follow-up", quantity(t.followUp().value(), unit));
        component(o, "delta", quantity(t.delta(), unit));
        if (t.relativeChange() != null) {
            component(o, "relative-change", quantity(t.relativeChange(), "%"));
        }
        component(o, "interval", quantity(BigDecimal.valueOf(t.intervalDays()), "d"));
        component(
                o,
                "direction",
                new CodeableConcept(new Coding(
                        CS_DIRECTION, t.direction().code(), t.direction().display())));
        component(o, "confidence", quantity(t.confidence(), "1"));
        o.addNote().setText(DISCLAIMER);
        return DerivedNarrative.describe(o);
    }

    /** One Provenance per action episode, naming every source resource, the mapping rules and the catalogue version. */
    public Provenance provenance(String id, List<Transition> episodeTransitions, Instant recorded) {
        Provenance p = new Provenance();
        p.setId(id);
        p.getMeta().addProfile(TRANSITION_PROVENANCE_PROFILE);
        Transition first = episodeTransitions.get(0);
        Extension rule = p.addExtension().setUrl(EXT_MAPPING_RULE);
        rule.addExtension("ruleId", new StringType(first.ruleId()));
        rule.addExtension("catalogueVersion", new StringType(first.mappingVersion()));
        p.setRecordedElement(new InstantType(Date.from(recorded)));
        p.addPolicy(MAPPING_POLICY_PREFIX + first.mappingVersion());
        p.setActivity(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/v3-DataOperation", "CREATE", "create")));
        p.addAgent()
                .setType(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "assembler", "Assembler")))
                .setWho(new Reference().setDisplay("TransitionNet transition derivation"));
        Set<String> sources = new LinkedHashSet<>();
        for (Transition t : episodeTransitions) {
            p.addTarget(new Reference("Observation/" + t.id()));
            sources.addAll(t.episode().sources());
            sources.add(t.baseline().source());
            sources.add(t.followUp().source());
            t.coInterventions().forEach(e -> sources.addAll(e.sources()));
            t.adverseEvents().forEach(e -> sources.add(e.reference()));
        }
        sources.forEach(source ->
                p.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE).setWhat(new Reference(source)));
        return DerivedNarrative.describe(p);
    }

    private static Coding actionClassCoding(ActionClass c) {
        return new Coding(CS_ACTION_CLASS, c.id(), c.display());
    }

    /** Codes only: free-text displays of source conditions may carry identifying detail. */
    private static CodeableConcept codeWithoutText(CodeableConcept source) {
        CodeableConcept copy = new CodeableConcept();
        source.getCoding().forEach(c -> copy.addCoding(new Coding(c.getSystem(), c.getCode(), c.getDisplay())));
        return copy;
    }

    private static void component(Observation o, String code, Type value) {
        o.addComponent()
                .setCode(new CodeableConcept(new Coding(CS_COMPONENT, code, null)))
                .setValue(value);
    }

    private static Quantity quantity(BigDecimal value, String ucum) {
        return new Quantity().setValue(value).setUnit(ucum).setSystem(UCUM).setCode(ucum);
    }
}
