package org.transitionnet.server.derivation.transition.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.batch2.api.IJobDataSink;
import ca.uhn.fhir.batch2.api.StepExecutionDetails;
import ca.uhn.fhir.batch2.api.VoidModel;
import ca.uhn.fhir.batch2.model.JobInstance;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The first step of a derivation run again (its node died while it emitted chunks) creates only the
 * chunks the earlier run did not, so no patient is derived, and counted, twice.
 */
class SelectPatientsStepTest {

    private static final List<String> PATIENTS = List.of("p1", "p2", "p3", "p4", "p5");

    @Test
    void aFirstRunCreatesEveryChunk() {
        assertThat(emitted(0))
                .extracting(PatientIdChunk::getPatientIds)
                .containsExactly(List.of("p1", "p2"), List.of("p3", "p4"), List.of("p5"));
    }

    @Test
    void aRunAfterACrashCreatesOnlyTheChunksTheEarlierRunDidNot() {
        assertThat(emitted(2)).extracting(PatientIdChunk::getPatientIds).containsExactly(List.of("p5"));
        assertThat(emitted(3)).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static List<PatientIdChunk> emitted(int alreadyCreated) {
        JdbcTemplate jdbc = mock(JdbcTemplate.class);
        when(jdbc.queryForObject(
                        any(String.class), eq(Integer.class), eq("job-1"), eq(DeriveTransitionsJob.DERIVE_STEP)))
                .thenReturn(alreadyCreated);
        JobInstance instance = new JobInstance();
        instance.setInstanceId("job-1");
        StepExecutionDetails<DeriveJobParameters, VoidModel> details = mock(StepExecutionDetails.class);
        when(details.getParameters()).thenReturn(DeriveJobParameters.forPatients(PATIENTS));
        when(details.getInstance()).thenReturn(instance);
        IJobDataSink<PatientIdChunk> sink = mock(IJobDataSink.class);

        new SelectPatientsStep(null, 2, new CreatedChunks(jdbc)).run(details, sink);

        ArgumentCaptor<PatientIdChunk> chunks = ArgumentCaptor.forClass(PatientIdChunk.class);
        int expected = Math.max(0, 3 - alreadyCreated);
        verify(sink, times(expected)).accept(chunks.capture());
        return chunks.getAllValues();
    }
}
