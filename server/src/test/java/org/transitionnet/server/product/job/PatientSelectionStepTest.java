package org.transitionnet.server.product.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.batch2.api.IJobDataSink;
import ca.uhn.fhir.batch2.api.RunOutcome;
import ca.uhn.fhir.batch2.api.StepExecutionDetails;
import ca.uhn.fhir.batch2.api.VoidModel;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.model.api.IModelJson;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.transitionnet.server.derivation.transition.job.CreatedChunks;
import org.transitionnet.server.derivation.transition.job.PatientIdChunk;

/**
 * The first step of a product job chunks the patients the job names, as the product narrows them, counts those it
 * selected, and run again after a crash creates only the chunks the earlier run did not.
 */
class PatientSelectionStepTest {

    static class Parameters implements IModelJson {}

    /** Names p1..p5 and keeps all but p2. */
    private static final PatientSelection<Parameters> ALL_BUT_P2 = new PatientSelection<>() {
        @Override
        public Optional<List<String>> named(Parameters parameters) {
            return Optional.of(List.of("p1", "p2", "p3", "p4", "p5"));
        }

        @Override
        public List<String> narrow(Parameters parameters, List<String> page) {
            return page.stream().filter(id -> !id.equals("p2")).toList();
        }
    };

    @Test
    void theNamedPatientsAsNarrowedAreChunkedAndCounted() {
        assertThat(emitted(0, 4))
                .extracting(PatientIdChunk::getPatientIds)
                .containsExactly(List.of("p1", "p3"), List.of("p4", "p5"));
    }

    @Test
    void aRunAfterACrashCreatesOnlyTheChunksTheEarlierRunDidNot() {
        assertThat(emitted(1, 4)).extracting(PatientIdChunk::getPatientIds).containsExactly(List.of("p4", "p5"));
    }

    @SuppressWarnings("unchecked")
    private static List<PatientIdChunk> emitted(int alreadyCreated, int selected) {
        JdbcTemplate jdbc = mock(JdbcTemplate.class);
        when(jdbc.queryForObject(any(String.class), eq(Integer.class), eq("job-1"), eq("stage")))
                .thenReturn(alreadyCreated);
        JobInstance instance = new JobInstance();
        instance.setInstanceId("job-1");
        StepExecutionDetails<Parameters, VoidModel> details = mock(StepExecutionDetails.class);
        when(details.getParameters()).thenReturn(new Parameters());
        when(details.getInstance()).thenReturn(instance);
        IJobDataSink<PatientIdChunk> sink = mock(IJobDataSink.class);

        RunOutcome outcome =
                new PatientSelectionStep<>(null, 2, new CreatedChunks(jdbc), "stage", ALL_BUT_P2).run(details, sink);

        assertThat(outcome.getRecordsProcessed()).isEqualTo(selected);
        ArgumentCaptor<PatientIdChunk> chunks = ArgumentCaptor.forClass(PatientIdChunk.class);
        verify(sink, times(2 - alreadyCreated)).accept(chunks.capture());
        return chunks.getAllValues();
    }
}
