package org.transitionnet.server.release.deid;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Annotation;
import org.junit.jupiter.api.Test;

class KeepProcessorTest {

    @Test
    void leavesTheElementToTheDefaultsWithItsTextKept() {
        Annotation note = new Annotation().setText("seen at the Elm Street clinic");

        DeidProcessor.Next next =
                new KeepProcessor().process(note, new DeidRule("k", "Observation.note", DeidMethod.KEEP, null, null));

        assertThat(next).isEqualTo(DeidProcessor.Next.DEFAULTS_KEEPING_TEXT);
        assertThat(note.getText()).isEqualTo("seen at the Elm Street clinic");
    }
}
