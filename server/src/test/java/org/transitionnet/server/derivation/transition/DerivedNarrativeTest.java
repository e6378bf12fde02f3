package org.transitionnet.server.derivation.transition;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.ig.TransitionVocabulary;

/** The generated narratives say what the coded content says, as escaped XHTML. */
class DerivedNarrativeTest {

    @Test
    void transitionNarrativeSummarisesTheChange() {
        Observation transition = transition();

        DerivedNarrative.describe(transition);

        assertThat(transition.getText().getStatus()).isEqualTo(Narrative.NarrativeStatus.GENERATED);
        assertThat(transition.getText().getDivAsString())
                .contains("HbA1c transition: 8.1 % on 2020-01-01 to 7.2 % on 2020-04-10")
                .contains("change -0.9 % over 100 d, improved, confidence 0.75")
                .contains("around Metformin")
                .contains("not medical advice");
    }

    @Test
    void provenanceNarrativeCountsTargetsAndSources() {
        Provenance provenance = new Provenance();
        provenance.addTarget(new Reference("Observation/tn-1"));
        provenance.addEntity().setWhat(new Reference("Observation/a"));
        provenance.addEntity().setWhat(new Reference("Observation/b"));
        provenance.addEntity().setWhat(new Reference("MedicationRequest/m"));
        Extension rule = provenance.addExtension().setUrl(TransitionVocabulary.EXT_MAPPING_RULE);
        rule.addExtension("ruleId", new StringType("hba1c/glucose-lowering"));
        rule.addExtension("catalogueVersion", new StringType("1.2.0"));

        DerivedNarrative.describe(provenance);

        assertThat(provenance.getText().getStatus()).isEqualTo(Narrative.NarrativeStatus.GENERATED);
        assertThat(provenance.getText().getDivAsString())
                .contains("1 derived transition(s), derived from 3 source resource(s)")
                .contains("mapping rule hba1c/glucose-lowering of mapping catalogue 1.2.0");
    }

    @Test
    void outcomeNarrativeEscapesMarkup() {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setDiagnostics("Not derived: a < b & c");

        DerivedNarrative.describe(outcome);

        assertThat(outcome.getText().getDivAsString()).contains("a &lt; b &amp; c");
    }

    private static Observation transition() {
        Observation o = new Observation();
        o.setId("tn-1");
        o.addCategory()
                .addCoding(new Coding(TransitionVocabulary.CS_CATEGORY, TransitionVocabulary.CATEGORY_DERIVED, null));
        o.getCode().addCoding(new Coding(TransitionVocabulary.CS_STATE_VARIABLE, "hba1c", "HbA1c"));
        o.setSubject(new Reference("Patient/p"));
        o.setEffective(new Period()
                .setStartElement(new DateTimeType("2020-01-01T10:00:00Z"))
                .setEndElement(new DateTimeType("2020-04-10T10:00:00Z")));
        o.addBasedOn(new Reference("MedicationRequest/m"));
        o.addDerivedFrom(new Reference("Observation/a"));
        o.addDerivedFrom(new Reference("Observation/b"));
        o.addExtension(
                TransitionVocabulary.EXT_ACTION_CLASS,
                new Coding(TransitionVocabulary.CS_ACTION_CLASS, "metformin", "Metformin"));
        component(o, "baseline", new Quantity().setValue(new BigDecimal("8.10")).setCode("%"));
        component(o, "follow-up", new Quantity().setValue(new BigDecimal("7.2")).setCode("%"));
        component(o, "delta", new Quantity().setValue(new BigDecimal("-0.9")).setCode("%"));
        component(o, "interval", new Quantity().setValue(100).setCode("d"));
        o.addComponent()
                .setCode(new CodeableConcept(new Coding(TransitionVocabulary.CS_COMPONENT, "direction", null)))
                .setValue(new CodeableConcept(new Coding(TransitionVocabulary.CS_DIRECTION, "improved", null)));
        component(
                o, "confidence", new Quantity().setValue(new BigDecimal("0.75")).setCode("1"));
        return o;
    }

    private static void component(Observation o, String code, Quantity value) {
        o.addComponent()
                .setCode(new CodeableConcept(new Coding(TransitionVocabulary.CS_COMPONENT, code, null)))
                .setValue(value);
    }
}
