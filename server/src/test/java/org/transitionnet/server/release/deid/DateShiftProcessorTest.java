package org.transitionnet.server.release.deid;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.DateTimeType;
import org.junit.jupiter.api.Test;

class DateShiftProcessorTest {

    @Test
    void leavesTheShiftToTheEnginesDefaults() {
        DateTimeType effective = new DateTimeType("2020-03-04T05:06:07Z");

        DeidProcessor.Next next = new DateShiftProcessor()
                .process(effective, new DeidRule("d", "Observation.effective", DeidMethod.DATE_SHIFT, null, null));

        assertThat(next).isEqualTo(DeidProcessor.Next.DEFAULTS);
        assertThat(effective.getValueAsString())
                .as("the engine shifts it, once")
                .isEqualTo("2020-03-04T05:06:07Z");
    }
}
