package org.transitionnet.server.release.deid;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class RedactProcessorTest {

    @Test
    void emptiesTheElementAndEverythingBelowIt() {
        HumanName name = new HumanName().setFamily("Lopez").addGiven("Maria");
        name.setId("n1");
        name.getFamilyElement().addExtension("http://example.org/own-name", new StringType("Lopez"));

        DeidProcessor.Next next =
                new RedactProcessor().process(name, new DeidRule("r", "Patient.name", DeidMethod.REDACT, null, null));

        assertThat(next).isEqualTo(DeidProcessor.Next.DONE);
        assertThat(name.isEmpty()).isTrue();
        assertThat(name.getId()).isNull();
        assertThat(name.getFamilyElement().getExtension()).isEmpty();
    }
}
