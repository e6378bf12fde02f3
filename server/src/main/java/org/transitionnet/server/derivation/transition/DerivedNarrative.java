package org.transitionnet.server.derivation.transition;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.transitionnet.server.ig.TransitionVocabulary;

/**
 * The human-readable summary ({@code text}, status generated) of derived resources, written from the
 * resource's own content so it says nothing the coded data does not: the derivation adds it to what it
 * stores, the TransitionBundle adds it to stored copies written before narratives existed, and
 * {@code $transitions} to its OperationOutcome.
 */
public final class DerivedNarrative {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private DerivedNarrative() {}

    /** Sets the narrative of a TransitionObservation: variable, values, interval, direction, confidence, action class. */
    public static Observation describe(Observation transition) {
        StoredTransition t = StoredTransition.read(transition);
        String unit = unitOf(transition);
        StringBuilder text = new StringBuilder()
                .append(display(t.stateVariable()))
                .append(" transition: ")
                .append(plain(t.baseline()))
                .append(unit)
                .append(" on ")
                .append(DAY.format(t.baselineTime()))
                .append(" to ")
                .append(plain(t.followUp()))
                .append(unit)
                .append(" on ")
                .append(DAY.format(t.followUpTime()))
                .append(" (change ")
                .append(plain(t.delta()))
                .append(unit)
                .append(" over ")
                .append(t.intervalDays())
                .append(" d, ")
                .append(t.direction())
                .append(", confidence ")
                .append(plain(t.confidence()))
                .append(")");
        if (!t.actionClasses().isEmpty()) {
            text.append(" around ").append(display(t.actionClasses().get(0)));
        }
        text.append(". ").append(TransitionVocabulary.DISCLAIMER);
        transition.setText(narrative(text.toString()));
        return transition;
    }

    /** Sets the narrative of a TransitionProvenance: how many transitions, from how many sources, by which rule, when. */
    public static Provenance describe(Provenance provenance) {
        StringBuilder text = new StringBuilder("Provenance of ")
                .append(provenance.getTarget().size())
                .append(" derived transition(s), derived from ")
                .append(provenance.getEntity().size())
                .append(" source resource(s)");
        Extension rule = provenance.getExtensionByUrl(TransitionVocabulary.EXT_MAPPING_RULE);
        if (rule != null
                && rule.getExtensionByUrl("ruleId") != null
                && rule.getExtensionByUrl("catalogueVersion") != null) {
            text.append(" by mapping rule ")
                    .append(rule.getExtensionByUrl("ruleId").getValue().primitiveValue())
                    .append(" of mapping catalogue ")
                    .append(rule.getExtensionByUrl("catalogueVersion")
                            .getValue()
                            .primitiveValue());
        }
        Date recorded = provenance.getRecorded();
        if (recorded != null) {
            text.append(", recorded ").append(recorded.toInstant().toString());
        }
        text.append(".");
        provenance.setText(narrative(text.toString()));
        return provenance;
    }

    /** Sets the narrative of an OperationOutcome: one paragraph per issue. */
    public static OperationOutcome describe(OperationOutcome outcome) {
        StringBuilder div = new StringBuilder("<div xmlns=\"http://www.w3.org/1999/xhtml\">");
        outcome.getIssue()
                .forEach(issue -> div.append("<p>")
                        .append(escape(issue.getDiagnostics() == null ? "" : issue.getDiagnostics()))
                        .append("</p>"));
        outcome.setText(new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED));
        outcome.getText().setDivAsString(div.append("</div>").toString());
        return outcome;
    }

    private static Narrative narrative(String text) {
        Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        narrative.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>" + escape(text) + "</p></div>");
        return narrative;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String unitOf(Observation transition) {
        return transition.getComponent().stream()
                .filter(c -> "baseline".equals(c.getCode().getCodingFirstRep().getCode())
                        && c.getValue() instanceof Quantity)
                .map(c -> ((Quantity) c.getValue()).getCode())
                .filter(code -> code != null && !code.isEmpty())
                .findFirst()
                .map(code -> " " + code)
                .orElse("");
    }

    private static String display(Coding coding) {
        return coding.hasDisplay() ? coding.getDisplay() : coding.getCode();
    }

    private static String plain(BigDecimal value) {
        return value == null ? "?" : value.stripTrailingZeros().toPlainString();
    }
}
