package org.transitionnet.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.batch2.api.IJobPersistence;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.batch2.model.StatusEnum;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * HAPI's persistence with claims: a chunk this node queues is claimed inside the transaction and before
 * it is announced to a worker, only when HAPI really moved it; moving a job to FINALIZE records the
 * reducer's node; everything else is HAPI's.
 */
class ClaimingJobPersistenceTest {

    private final IJobPersistence hapi = mock(IJobPersistence.class);
    private final ChunkClaims claims = mock(ChunkClaims.class);
    private final PlatformTransactionManager transactions = mock(PlatformTransactionManager.class);
    private final IJobPersistence persistence =
            ClaimingJobPersistence.wrap(hapi, () -> claims, () -> new TransactionTemplate(transactions));

    ClaimingJobPersistenceTest() {
        when(transactions.getTransaction(any())).thenReturn(mock(TransactionStatus.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aQueuedChunkIsClaimedInTheTransactionAndAnnouncedAfterItsCommit() {
        hapiMoves(1);
        Consumer<Integer> announce = mock(Consumer.class);

        persistence.enqueueWorkChunkForProcessing("chunk-1", announce);

        InOrder order = inOrder(transactions, claims, announce);
        order.verify(transactions).getTransaction(any());
        order.verify(claims).claimEnqueued("chunk-1");
        order.verify(transactions).commit(any());
        order.verify(announce).accept(1);
    }

    @Test
    void aChunkHapiDidNotMoveIsNotClaimed() {
        hapiMoves(0);
        List<Integer> announced = new ArrayList<>();

        persistence.enqueueWorkChunkForProcessing("chunk-1", announced::add);

        assertThat(announced).containsExactly(0);
        verify(claims, never()).claimEnqueued(anyString());
    }

    @Test
    void startingAReductionRecordsThisNode() {
        when(hapi.markInstanceAsStatusWhenStatusIn(eq("job-1"), eq(StatusEnum.FINALIZE), any()))
                .thenReturn(true);
        when(hapi.markInstanceAsStatusWhenStatusIn(eq("job-2"), eq(StatusEnum.FINALIZE), any()))
                .thenReturn(false);

        assertThat(persistence.markInstanceAsStatusWhenStatusIn(
                        "job-1", StatusEnum.FINALIZE, EnumSet.of(StatusEnum.IN_PROGRESS)))
                .isTrue();
        assertThat(persistence.markInstanceAsStatusWhenStatusIn(
                        "job-2", StatusEnum.FINALIZE, EnumSet.of(StatusEnum.IN_PROGRESS)))
                .isFalse();
        persistence.markInstanceAsStatusWhenStatusIn("job-3", StatusEnum.IN_PROGRESS, EnumSet.of(StatusEnum.FINALIZE));

        verify(claims).claimFinalize("job-1");
        verify(claims, never()).claimFinalize("job-2");
        verify(claims, never()).claimFinalize("job-3");
    }

    @Test
    void everythingElseIsHapis() {
        JobInstance instance = new JobInstance();
        when(hapi.fetchInstance("job-1")).thenReturn(Optional.of(instance));
        when(hapi.fetchInstance("broken")).thenThrow(new IllegalStateException("database down"));

        assertThat(persistence.fetchInstance("job-1")).containsSame(instance);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> persistence.fetchInstance("broken"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("database down");
    }

    @SuppressWarnings("unchecked")
    private void hapiMoves(int updated) {
        doAnswer(call -> {
                    ((Consumer<Integer>) call.getArgument(1)).accept(updated);
                    return null;
                })
                .when(hapi)
                .enqueueWorkChunkForProcessing(anyString(), any());
    }
}
