package org.transitionnet.server.release.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.InstantType;
import org.junit.jupiter.api.Test;

class ReleaseTimeProcessorTest {

    private static final Instant RELEASE = Instant.parse("2030-06-15T12:34:56.789Z");
    private final DeidRule rule = new DeidRule("t", "Observation.issued", DeidMethod.RELEASE_TIME, null, null);

    @Test
    void aServerTimeBecomesTheReleaseTimeToTheSecond() {
        InstantType issued = new InstantType("2021-01-02T03:04:05.678Z");

        DeidProcessor.Next next = new ReleaseTimeProcessor(RELEASE).process(issued, rule);

        assertThat(next).isEqualTo(DeidProcessor.Next.DONE);
        assertThat(issued.getValueAsString()).isEqualTo("2030-06-15T12:34:56Z");
    }

    @Test
    void whatIsNotATimeIsRemoved() {
        CodeableConcept concept = new CodeableConcept().setText("recorded 2021-01-02");

        new ReleaseTimeProcessor(RELEASE).process(concept, rule);

        assertThat(concept.isEmpty()).isTrue();
    }
}
