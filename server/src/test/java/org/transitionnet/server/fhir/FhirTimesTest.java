package org.transitionnet.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FhirTimesTest {

    @Test
    void anInstantIsWrittenToTheSecondWithTheUtcOffset() {
        assertThat(FhirTimes.dateTime(Instant.parse("2020-01-01T23:30:15.999Z")).getValueAsString())
                .isEqualTo("2020-01-01T23:30:15+00:00");
    }
}
