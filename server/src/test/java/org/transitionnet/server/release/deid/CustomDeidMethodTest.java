package org.transitionnet.server.release.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.junit.jupiter.api.Test;

/** A method outside the built-in ones: its processor class plus one registration, and rule files may name it. */
class CustomDeidMethodTest {

    /** A test-only method: a primitive becomes its length in asterisks. */
    static final DeidMethod MASK = new DeidMethod("maskForTest");

    static final class MaskProcessor implements DeidProcessor {

        @Override
        public DeidMethod method() {
            return MASK;
        }

        @Override
        public Next process(Base element, DeidRule rule) {
            if (element instanceof PrimitiveType<?> p) {
                p.setValueAsString("*".repeat(p.getValueAsString().length()));
            } else {
                Elements.clear(element);
            }
            return Next.DONE;
        }
    }

    private static final String RULES = """
			version: custom-1
			rules:
			  - id: mask-family
			    path: Patient.name.family
			    method: %s
			""";

    private static DeidRuleSet read(String method) throws Exception {
        return DeidRuleSet.read(new ByteArrayInputStream(RULES.formatted(method).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aRegisteredMethodIsReadFromRulesAndAppliedByTheEngine() throws Exception {
        assertThatThrownBy(() -> read("maskForTestUnregistered"))
                .hasMessageContaining("unknown de-identification method 'maskForTestUnregistered'");
        if (!DeidProcessors.isRegistered(MASK.name())) {
            DeidProcessors.register(MASK, c -> new MaskProcessor());
        }

        DeidRuleSet rules = read(MASK.name());
        assertThat(rules.rules().get(0).method()).isEqualTo(MASK);
        DeidEngine engine = new DeidEngine(
                FhirContext.forR4Cached(),
                rules,
                DeidKey.of(DeidTestKeys.KEY_A),
                365,
                LocalDate.of(2026, 1, 1),
                DeidTestKeys.RELEASE);
        Patient patient = new Patient();
        patient.setId("p1");
        patient.addName().setFamily("Doe");

        Patient out = (Patient) engine.deidentify(patient, "p1");

        assertThat(out.getNameFirstRep().getFamily()).isEqualTo("***");
    }

    @Test
    void aNameIsRegisteredOnceAndItsProcessorMustDeclareIt() {
        assertThatThrownBy(() -> DeidProcessors.register(DeidMethod.KEEP, c -> new KeepProcessor()))
                .hasMessageContaining("registered already");
    }
}
