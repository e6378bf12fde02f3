package org.transitionnet.server.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.batch2.model.StatusEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class AsyncJobsTest {

    private final IJobCoordinator jobs = mock(IJobCoordinator.class);

    @Test
    void anUnknownJobIsEmptyAndAJobOfAnotherDefinitionIsAsIfThereWereNone() {
        when(jobs.getInstance("gone")).thenThrow(new ResourceNotFoundException("gone"));
        when(jobs.getInstance("j1")).thenReturn(instance("j1", "export", StatusEnum.IN_PROGRESS));

        assertThat(AsyncJobs.find(jobs, "gone")).isEmpty();
        assertThat(AsyncJobs.find(jobs, "j1")).map(JobInstance::getInstanceId).contains("j1");
        assertThat(AsyncJobs.ofDefinition(jobs, "j1", "export")).isPresent();
        assertThat(AsyncJobs.ofDefinition(jobs, "j1", "build")).isEmpty();
    }

    @Test
    void aStatusUrlAnswers400WithoutIdAnd404ForCancelledOrForeignJobs() {
        when(jobs.getInstance("c")).thenReturn(instance("c", "export", StatusEnum.CANCELLED));
        when(jobs.getInstance("j1")).thenReturn(instance("j1", "export", StatusEnum.IN_PROGRESS));

        assertThatThrownBy(() -> AsyncJobs.live(jobs, null, "export", "none"))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> AsyncJobs.live(jobs, new StringType("c"), "export", "none"))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> AsyncJobs.live(jobs, new StringType("j1"), "build", "none"))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(AsyncJobs.live(jobs, new StringType("j1"), "export", "none").getInstanceId())
                .isEqualTo("j1");
    }

    private static JobInstance instance(String id, String definition, StatusEnum status) {
        JobInstance instance = new JobInstance();
        instance.setInstanceId(id);
        instance.setJobDefinitionId(definition);
        instance.setStatus(status);
        return instance;
    }
}
