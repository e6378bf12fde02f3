package org.transitionnet.server.release.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class GeneralizeProcessorTest {

    private final GeneralizeProcessor processor =
            new GeneralizeProcessor(new Generalizer(Set.of("036")), LocalDate.of(2026, 1, 1));

    @Test
    void aPostalCodeKeepsItsFirstThreeDigitsUnlessTheAreaIsSmall() {
        StringType zip = new StringType("02139-4307");
        StringType small = new StringType("03601");

        assertThat(processor.process(zip, rule("zip3"))).isEqualTo(DeidProcessor.Next.DONE);
        processor.process(small, rule("zip3"));

        assertThat(zip.getValue()).isEqualTo("021");
        assertThat(small.getValue()).isEqualTo(Generalizer.RESTRICTED_ZIP3);
    }

    @Test
    void aBirthDateKeepsItsYearBelowNinetyAndGoesFromNinetyOn() {
        DateType young = new DateType("1980-07-14");
        DateType old = new DateType("1930-07-14");

        processor.process(young, rule("year"));
        processor.process(old, rule("year"));

        assertThat(young.getValueAsString()).isEqualTo("1980");
        assertThat(old.getValue()).isNull();
    }

    @Test
    void whatCannotBeGeneralizedIsRemoved() {
        HumanName name = new HumanName().setFamily("Lopez");

        processor.process(name, rule("zip3"));

        assertThat(name.isEmpty()).isTrue();
    }

    @Test
    void aDateChoiceBecomesAFlagInItsParent() {
        Patient patient = new Patient().setDeceased(new DateTimeType("2024-02-03"));
        Property deceased = patient.getNamedProperty("deceased[x]");

        boolean replaced = processor.replaceInParent(patient, deceased, patient.getDeceased(), rule("flag"));

        assertThat(replaced).isTrue();
        assertThat(patient.getDeceased()).isInstanceOf(BooleanType.class);
        assertThat(patient.getDeceasedBooleanType().booleanValue()).isTrue();
        Patient alive = new Patient().setDeceased(new BooleanType(false));
        processor.replaceInParent(alive, alive.getNamedProperty("deceased[x]"), alive.getDeceased(), rule("flag"));
        assertThat(alive.getDeceasedBooleanType().booleanValue())
                .as("false stays false")
                .isFalse();
    }

    @Test
    void onlyTheFlagReplacesInTheParent() {
        Patient patient = new Patient().setDeceased(new DateTimeType("2024-02-03"));

        assertThat(processor.replaceInParent(
                        patient, patient.getNamedProperty("deceased[x]"), patient.getDeceased(), rule("year")))
                .isFalse();
        assertThat(patient.getDeceased()).isInstanceOf(DateTimeType.class);
    }

    private static DeidRule rule(String to) {
        return new DeidRule("g-" + to, "Patient.x", DeidMethod.GENERALIZE, Map.of("to", to), null);
    }
}
