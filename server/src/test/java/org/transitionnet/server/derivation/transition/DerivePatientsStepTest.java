package org.transitionnet.server.derivation.transition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.batch2.api.IJobDataSink;
import ca.uhn.fhir.batch2.api.RunOutcome;
import ca.uhn.fhir.batch2.api.StepExecutionDetails;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.derivation.transition.job.DeriveJobParameters;
import org.transitionnet.server.derivation.transition.job.DerivePatientsStep;
import org.transitionnet.server.derivation.transition.job.PatientIdChunk;

/** A patient whose derivation throws is skipped; the chunk's other patients are still derived. */
class DerivePatientsStepTest {

    @Test
    @SuppressWarnings("unchecked")
    void aFailingPatientDoesNotCostTheOthersOfItsChunk() {
        DerivationService derivation = mock(DerivationService.class);
        when(derivation.rederive("bad")).thenThrow(new NumberFormatException("Infinite or NaN"));
        StepExecutionDetails<DeriveJobParameters, PatientIdChunk> details = mock(StepExecutionDetails.class);
        when(details.getData()).thenReturn(new PatientIdChunk(List.of("good-1", "bad", "good-2")));

        RunOutcome outcome = new DerivePatientsStep(derivation).run(details, mock(IJobDataSink.class));

        verify(derivation).rederive("good-1");
        verify(derivation).rederive("good-2");
        assertThat(outcome.getRecordsProcessed()).isEqualTo(3);
    }
}
