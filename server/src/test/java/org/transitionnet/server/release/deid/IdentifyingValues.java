package org.transitionnet.server.release.deid;

import ca.uhn.fhir.context.FhirContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * Collects every identifying value of source resources: names, identifiers, addresses, telecom,
 * ids and references, free text (narratives, notes, reference displays, concept texts that are not
 * a code's display, string extensions) and every timestamp with a time of day.
 */
final class IdentifyingValues {

    private static final Pattern NARRATIVE_WORDS = Pattern.compile("[A-Za-z0-9:-]{6,}");

    final Set<String> values = new LinkedHashSet<>();
    /** Full-precision date-times (with time of day): none may appear unshifted. */
    final Set<String> dateTimes = new LinkedHashSet<>();

    void collect(Resource r) {
        values.add(r.getIdElement().getIdPart());
        if (r instanceof DomainResource d && d.hasText()) {
            Matcher m = NARRATIVE_WORDS.matcher(d.getText().getDiv().allText());
            while (m.find()) {
                if (m.group().chars().anyMatch(Character::isDigit)) {
                    values.add(m.group());
                }
            }
        }
        walk(r);
    }

    private void walk(Base b) {
        if (b instanceof HumanName n) {
            n.getGiven().forEach(g -> values.add(g.getValue()));
            values.add(n.getFamily());
            values.add(n.getText());
        } else if (b instanceof Address a) {
            a.getLine().forEach(l -> values.add(l.getValue()));
            values.add(a.getCity());
            values.add(a.getPostalCode());
            values.add(a.getDistrict());
        } else if (b instanceof ContactPoint c) {
            values.add(c.getValue());
        } else if (b instanceof Identifier i) {
            values.add(i.getValue());
        } else if (b instanceof Reference ref) {
            String reference = ref.getReference();
            if (reference != null) {
                if (reference.contains("?")) {
                    values.add(reference.substring(reference.lastIndexOf('|') + 1));
                } else {
                    values.add(
                            reference.startsWith("urn:uuid:")
                                    ? reference.substring(9)
                                    : reference.substring(reference.indexOf('/') + 1));
                }
            }
            values.add(ref.getDisplay());
        } else if (b instanceof Annotation a) {
            values.add(a.getText());
        } else if (b instanceof CodeableConcept cc
                && cc.hasText()
                && cc.getCoding().stream().noneMatch(c -> cc.getText().equals(c.getDisplay()))) {
            values.add(cc.getText());
        } else if (b instanceof Extension x && x.getValue() instanceof StringType s) {
            values.add(s.getValue());
        } else if (b instanceof BaseDateTimeType d
                && d.getValueAsString() != null
                && d.getValueAsString().length() > 10) {
            dateTimes.add(d.getValueAsString());
        }
        for (Property p : b.children()) {
            for (Base v : List.copyOf(p.getValues())) {
                if (v != null) {
                    walk(v);
                }
            }
        }
        values.removeIf(v -> v == null || v.length() < 4);
    }

    static IdentifyingValues of(FhirContext ctx, List<Resource> resources) {
        IdentifyingValues values = new IdentifyingValues();
        resources.forEach(values::collect);
        // Displays of codes (e.g. a race category) are vocabulary shared by many people, not identifiers.
        for (Resource r : resources) {
            ctx.newTerser()
                    .getAllPopulatedChildElementsOfType(r, org.hl7.fhir.r4.model.Coding.class)
                    .forEach(c -> values.values.remove(c.getDisplay()));
        }
        return values;
    }
}
