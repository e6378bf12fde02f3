package org.transitionnet.server.product.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.batch2.api.IJobDataSink;
import ca.uhn.fhir.batch2.api.RunOutcome;
import ca.uhn.fhir.batch2.api.StepExecutionDetails;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.model.api.IModelJson;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.transitionnet.server.derivation.transition.job.PatientIdChunk;
import org.transitionnet.server.release.policy.ResearchPatients;

/**
 * Every product stages its patients alike: a patient's earlier rows are removed first, a missing patient is not
 * counted, one whose consent forbids release is counted as excluded and not staged, and one whose staging fails is
 * counted as failed, with nothing else of it counted, while the rest of the chunk goes on.
 */
class StagePatientsStepTest {

    static class Parameters implements IModelJson {}

    private final List<String> calls = new ArrayList<>();

    @Test
    void eachPatientIsStagedCountedOrLeftOutAndAFailureIsNotFatal() {
        ResearchPatients patients = mock(ResearchPatients.class);
        for (String id : List.of("ok", "denied", "broken", "ok2")) {
            when(patients.patient(id)).thenReturn(new Patient());
            when(patients.mayRelease(id)).thenReturn(!id.equals("denied"));
        }

        StagedCounts staged = run(patients, List.of("ok", "gone", "denied", "broken", "ok2"));

        assertThat(calls)
                .containsExactly(
                        "remove ok",
                        "stage ok",
                        "remove gone",
                        "remove denied",
                        "remove broken",
                        "stage broken",
                        "remove ok2",
                        "stage ok2");
        assertThat(staged.patients).isEqualTo(4);
        assertThat(staged.excludedByConsent).isEqualTo(1);
        assertThat(staged.patientsFailed).isEqualTo(1);
        // Two records each from ok and ok2; what broken counted before it failed is not kept.
        assertThat(staged.records).isEqualTo(4);
    }

    @SuppressWarnings("unchecked")
    private StagedCounts run(ResearchPatients patients, List<String> ids) {
        IHapiTransactionService transactions = mock(IHapiTransactionService.class);
        IHapiTransactionService.IExecutionBuilder builder = mock(IHapiTransactionService.IExecutionBuilder.class);
        when(transactions.withSystemRequest()).thenReturn(builder);
        when(builder.execute(any(Callable.class))).thenAnswer(call -> ((Callable<?>) call.getArgument(0)).call());
        JobInstance instance = new JobInstance();
        instance.setInstanceId("job-1");
        StepExecutionDetails<Parameters, PatientIdChunk> details = mock(StepExecutionDetails.class);
        when(details.getParameters()).thenReturn(new Parameters());
        when(details.getInstance()).thenReturn(instance);
        when(details.getData()).thenReturn(new PatientIdChunk(ids));
        IJobDataSink<StagedCounts> sink = mock(IJobDataSink.class);

        RunOutcome outcome =
                new StagePatientsStep<>("Test job", patients, transactions, new RecordingStager()).run(details, sink);

        ArgumentCaptor<StagedCounts> staged = ArgumentCaptor.forClass(StagedCounts.class);
        org.mockito.Mockito.verify(sink).accept(staged.capture());
        assertThat(outcome.getRecordsProcessed()).isEqualTo(staged.getValue().patients);
        return staged.getValue();
    }

    /** Stages two records a patient; the patient "broken" fails after counting them. */
    private final class RecordingStager implements PatientStager<Parameters, StagedCounts> {
        @Override
        public Chunk<StagedCounts> forChunk(Parameters parameters, String jobId) {
            return new Chunk<>(
                    StagedCounts::new, patientId -> calls.add("remove " + patientId), (patientId, patient, counts) -> {
                        calls.add("stage " + patientId);
                        counts.records += 2;
                        if (patientId.equals("broken")) {
                            throw new IllegalStateException("cannot stage");
                        }
                    });
        }
    }
}
