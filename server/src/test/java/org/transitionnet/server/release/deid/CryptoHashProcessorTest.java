package org.transitionnet.server.release.deid;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class CryptoHashProcessorTest {

    private final Pseudonymizer pseudonyms = new Pseudonymizer(DeidKey.of(DeidTestKeys.KEY_A));
    private final CryptoHashProcessor processor = new CryptoHashProcessor(pseudonyms);

    @Test
    void aValueBecomesItsKeyedPseudonymInTheRulesOwnDomain() {
        StringType mrn = new StringType("MRN-123");
        mrn.addExtension("http://example.org/original", new StringType("MRN-123"));

        DeidProcessor.Next next = processor.process(mrn, rule("mrn"));

        assertThat(next).isEqualTo(DeidProcessor.Next.DONE);
        assertThat(mrn.getValue())
                .isEqualTo(pseudonyms.pseudonym("value:mrn", "MRN-123"))
                .isNotEqualTo("MRN-123");
        assertThat(mrn.getExtension()).isEmpty();
        StringType same = new StringType("MRN-123");
        processor.process(same, rule("other"));
        assertThat(same.getValue()).as("another rule, another domain").isNotEqualTo(mrn.getValue());
    }

    @Test
    void whatIsNotAPrimitiveValueIsRemoved() {
        Identifier identifier =
                new Identifier().setSystem("http://hospital.example/mrn").setValue("MRN-123");

        processor.process(identifier, rule("id"));

        assertThat(identifier.isEmpty()).isTrue();
    }

    private static DeidRule rule(String id) {
        return new DeidRule(id, "Patient.identifier.value", DeidMethod.CRYPTO_HASH, null, null);
    }
}
