package org.transitionnet.server.fhir;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FhirTimesTest {

	@Test
	void anInstantIsWrittenToTheSecondWithTheUtcOffset() {
		assertThat(FhirTimes.dateTime(Instant.parse("2020-01-01T23:30:15.999Z")).getValueAsString()).isEqualTo("2020-01-01T23:30:15+00:00");
	}
}
