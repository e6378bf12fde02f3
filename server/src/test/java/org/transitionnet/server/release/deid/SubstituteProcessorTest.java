package org.transitionnet.server.release.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class SubstituteProcessorTest {

    private final DeidRule rule =
            new DeidRule("s", "Patient.address.country", DeidMethod.SUBSTITUTE, Map.of("value", "XX"), null);

    @Test
    void aPrimitiveTakesTheRulesValue() {
        StringType country = new StringType("Portugal");
        country.addExtension("http://example.org/spelling", new StringType("Portugal"));

        DeidProcessor.Next next = new SubstituteProcessor().process(country, rule);

        assertThat(next).isEqualTo(DeidProcessor.Next.DONE);
        assertThat(country.getValue()).isEqualTo("XX");
        assertThat(country.getExtension()).isEmpty();
    }

    @Test
    void aComplexElementIsRemoved() {
        Address address = new Address().setCity("Porto").setCountry("Portugal");

        new SubstituteProcessor().process(address, rule);

        assertThat(address.isEmpty()).isTrue();
    }
}
