package org.transitionnet.server.derivation.trajectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.record.patient.PatientRecordLoader;
import org.transitionnet.server.security.AuditedAction.Kind;
import org.transitionnet.server.security.OperationAccess.Compartment;
import org.transitionnet.server.security.OperationDeclaration;
import org.transitionnet.server.security.OperationDeclarations;
import org.transitionnet.server.security.SmartScope;

class TrajectoryOperationProviderTest {

    private final PatientRecordLoader loader = mock(PatientRecordLoader.class);
    private final TrajectoryBuilder builder = mock(TrajectoryBuilder.class);
    private final TrajectoryOperationProvider provider = new TrajectoryOperationProvider(loader, builder);

    @Test
    void anUnknownPatientIsNotFoundAndNothingIsBuilt() {
        when(loader.patientExists("nobody")).thenReturn(false);

        assertThatThrownBy(() -> provider.trajectory(new IdType("Patient", "nobody")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Patient/nobody");
        verifyNoInteractions(builder);
    }

    @Test
    void aKnownPatientGetsTheBuiltTrajectory() {
        Parameters built = new Parameters();
        when(loader.patientExists("p1")).thenReturn(true);
        when(builder.build("p1")).thenReturn(built);

        assertThat(provider.trajectory(new IdType("Patient", "p1"))).isSameAs(built);
    }

    @Test
    void itIsAPatientCompartmentReadOfObservationsThatIsAudited() {
        OperationDeclaration declaration =
                OperationDeclarations.of(List.of(provider)).find("$trajectory").orElseThrow();

        assertThat(declaration.compartment()).isEqualTo(Compartment.PATIENT);
        assertThat(declaration.auditFor(false)).isEqualTo(Kind.TRAJECTORY_READ);
        assertThat(declaration.grantedBy(
                        SmartScope.parse("patient/Observation.rs").orElseThrow()))
                .isTrue();
        assertThat(declaration.grantedBy(
                        SmartScope.parse("patient/Condition.rs").orElseThrow()))
                .isFalse();
    }
}
