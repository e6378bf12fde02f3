package org.transitionnet.server.release.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.api.Test;

class ConsentPolicyTest {

    static Consent research(Consent.ConsentProvisionType type, long time) {
        Consent c = new Consent();
        c.setStatus(Consent.ConsentState.ACTIVE);
        c.setScope(new CodeableConcept(new Coding(ConsentPolicy.SCOPE_SYSTEM, ConsentPolicy.SCOPE_RESEARCH, null)));
        c.setDateTime(new Date(time));
        c.getProvision().setType(type);
        return c;
    }

    @Test
    void optOutExportsUnlessDenied() {
        ConsentPolicy policy = new ConsentPolicy(ConsentPolicy.Mode.OPT_OUT);
        assertThat(policy.mayExport(List.of())).isTrue();
        assertThat(policy.mayExport(List.of(research(Consent.ConsentProvisionType.DENY, 1))))
                .isFalse();
        assertThat(policy.mayExport(List.of(
                        research(Consent.ConsentProvisionType.DENY, 1),
                        research(Consent.ConsentProvisionType.PERMIT, 2))))
                .isTrue();
        assertThat(policy.mayExport(List.of(
                        research(Consent.ConsentProvisionType.DENY, 2),
                        research(Consent.ConsentProvisionType.PERMIT, 2))))
                .as("deny wins a tie")
                .isFalse();
        Consent inactive = research(Consent.ConsentProvisionType.DENY, 1).setStatus(Consent.ConsentState.INACTIVE);
        assertThat(policy.mayExport(List.of(inactive))).isTrue();
    }

    @Test
    void optInNeedsAPermit() {
        ConsentPolicy policy = new ConsentPolicy(ConsentPolicy.Mode.OPT_IN);
        assertThat(policy.mayExport(List.of())).isFalse();
        assertThat(policy.mayExport(List.of(research(Consent.ConsentProvisionType.PERMIT, 1))))
                .isTrue();
        Consent treatment = research(Consent.ConsentProvisionType.PERMIT, 1);
        treatment.setScope(new CodeableConcept(new Coding(ConsentPolicy.SCOPE_SYSTEM, "treatment", null)));
        assertThat(policy.mayExport(List.of(treatment))).isFalse();
    }
}
