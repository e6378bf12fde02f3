package org.transitionnet.server.release.deid;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Property;

/**
 * {@code generalize}: a coarser value, by the rule's {@code to}:
 * <ul>
 *   <li>{@code zip3}: the first three digits of a postal code (restricted areas become {@code 000});</li>
 *   <li>{@code year}: a date to its year, removed for ages of 90 and more (HIPAA Safe Harbor);</li>
 *   <li>{@code flag}: a date/time choice such as {@code Patient.deceased[x]} becomes the boolean {@code true}, so the
 *       fact survives and its date does not.</li>
 * </ul>
 * What cannot be generalized that way is removed.
 */
public final class GeneralizeProcessor implements DeidProcessor {

    private final Generalizer generalizer;
    private final LocalDate today;

    /** @param today the day ages are computed at (for the 90+ rule of birth dates) */
    public GeneralizeProcessor(Generalizer generalizer, LocalDate today) {
        this.generalizer = generalizer;
        this.today = today;
    }

    @Override
    public DeidMethod method() {
        return DeidMethod.GENERALIZE;
    }

    @Override
    public Next process(Base element, DeidRule rule) {
        String to = rule.param("to");
        if ("zip3".equals(to) && element instanceof PrimitiveType<?> p && p.getValueAsString() != null) {
            p.setValueAsString(generalizer.zip3(p.getValueAsString()));
            Elements.clearExtensions(p);
        } else if ("year".equals(to) && element instanceof BaseDateTimeType date && date.getValue() != null) {
            LocalDate born = date.getValue().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
            if (Period.between(born, today).getYears() >= Generalizer.OLDEST_BAND_START) {
                Elements.clear(date);
            } else {
                date.setPrecision(TemporalPrecisionEnum.YEAR);
                Elements.clearExtensions(date);
            }
        } else {
            Elements.clear(element);
        }
        return Next.DONE;
    }

    /** {@code to: flag} replaces the choice element by a boolean: whether it held anything (a false stays false). */
    @Override
    public boolean replaceInParent(Base parent, Property property, Base element, DeidRule rule) {
        if (!"flag".equals(rule.param("to"))) {
            return false;
        }
        boolean present = !(element instanceof PrimitiveType<?> p) || p.getValue() != null;
        boolean flag = present && !(element instanceof BooleanType bool && !bool.booleanValue());
        if (property.getName().endsWith("[x]")) {
            parent.setProperty(property.getName(), new BooleanType(flag));
        } else {
            Elements.clear(element);
        }
        return true;
    }
}
