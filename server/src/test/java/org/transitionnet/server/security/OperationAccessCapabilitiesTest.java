package org.transitionnet.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.Test;

class OperationAccessCapabilitiesTest {

    private final OperationDeclarations declarations = OperationDeclarations.of(
            List.of(new OperationDeclarationsTest.Declared(), new OperationDeclarationsTest.Benchmark()));

    @Test
    void eachDeclaredOperationStatesItsScopesCompartmentAndAudit() {
        CapabilityStatement statement = new CapabilityStatement();
        CapabilityStatement.CapabilityStatementRestComponent rest = statement.addRest();
        rest.addResource().setType("Patient").addOperation().setName("look").setDocumentation("Reads a trajectory.");
        rest.addOperation().setName("$job");
        rest.addOperation().setName("$not-ours");
        rest.addOperation().setName("$listing");

        OperationAccessCapabilities hook = new OperationAccessCapabilities(() -> declarations);
        hook.describeAccess(statement);
        hook.describeAccess(statement);

        assertThat(rest.getResourceFirstRep().getOperationFirstRep().getDocumentation())
                .isEqualTo(
                        "Reads a trajectory.\n\n"
                                + "Access: SMART scope patient/Observation.r or user/Observation.r (one patient's record); recorded as AuditEvent trajectory-read.");
        assertThat(rest.getOperation().get(0).getDocumentation())
                .isEqualTo("Access: SMART scope system/Observation.c (across patients).");
        assertThat(rest.getOperation().get(1).getDocumentation()).isNull();
        assertThat(rest.getOperation().get(2).getDocumentation())
                .isEqualTo(
                        "Access: scope benchmark/*.read (grants no clinical data; across patients); recorded as AuditEvent dataset-download.");
    }
}
