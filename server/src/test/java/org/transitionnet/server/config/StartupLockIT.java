package org.transitionnet.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.transitionnet.server.support.TestDatabase;

/**
 * The start-up lock on a real PostgreSQL, with one lock object per simulated node (each with its own connections,
 * as separate processes have): start-up work of two nodes never overlaps, a node's held start blocks the other's work
 * until released, a closed (crashed) holder frees it, and waiting ends with an error after the timeout.
 */
class StartupLockIT {

    private final DataSource database = database();

    @Test
    void workOfTwoNodesRunsOneAfterTheOther() throws Exception {
        StartupLock node1 = new StartupLock(database, DatabaseKind.POSTGRESQL, Duration.ofMinutes(1));
        StartupLock node2 = new StartupLock(database, DatabaseKind.POSTGRESQL, Duration.ofMinutes(1));
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch node1Working = new CountDownLatch(1);

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> node1.whileHolding("node 1", () -> {
            events.add("node 1 begins");
            node1Working.countDown();
            sleep(1500);
            events.add("node 1 ends");
        }));
        assertThat(node1Working.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> node2.whileHolding("node 2", () -> {
            events.add("node 2 begins");
            events.add("node 2 ends");
        }));
        CompletableFuture.allOf(first, second).get(1, TimeUnit.MINUTES);

        assertThat(events).containsExactly("node 1 begins", "node 1 ends", "node 2 begins", "node 2 ends");
    }

    @Test
    void aHeldStartBlocksOtherNodesUntilReleasedAndItsOwnWorkRunsAtOnce() throws Exception {
        StartupLock starting = new StartupLock(database, DatabaseKind.POSTGRESQL, Duration.ofMinutes(1));
        StartupLock other = new StartupLock(database, DatabaseKind.POSTGRESQL, Duration.ofMinutes(1));
        starting.holdForStart();
        try {
            // The starting node's own start-up work (same thread) does not wait for itself.
            assertThat(starting.whileHolding("own work", () -> "done")).isEqualTo("done");

            CompletableFuture<Long> blocked =
                    CompletableFuture.supplyAsync(() -> other.whileHolding("other node", System::nanoTime));
            Thread.sleep(1000);
            assertThat(blocked).isNotDone();
            long released = System.nanoTime();
            starting.releaseAfterStart();
            assertThat(blocked.get(30, TimeUnit.SECONDS)).isGreaterThan(released);
        } finally {
            starting.close();
        }
    }

    @Test
    void aWaitingNodeGivesUpAfterTheTimeoutAndAClosedHolderFreesTheLock() throws Exception {
        StartupLock holder = new StartupLock(database, DatabaseKind.POSTGRESQL, Duration.ofMinutes(1));
        StartupLock impatient = new StartupLock(database, DatabaseKind.POSTGRESQL, Duration.ofMillis(700));
        holder.holdForStart();
        try {
            assertThatThrownBy(
                            () -> CompletableFuture.runAsync(() -> impatient.whileHolding("IG package x#1", () -> {}))
                                    .get(30, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(IllegalStateException.class)
                    .rootCause()
                    .hasMessageContaining("transitionnet.db.startup-lock-timeout")
                    .hasMessageContaining("IG package x#1");
        } finally {
            holder.close();
        }
        assertThat(CompletableFuture.supplyAsync(() -> impatient.whileHolding("after", () -> "ran"))
                        .get(30, TimeUnit.SECONDS))
                .isEqualTo("ran");
    }

    @Test
    void onH2ItSerializesWithinTheProcess() throws Exception {
        StartupLock lock = new StartupLock(null, DatabaseKind.H2, Duration.ofMinutes(1));
        lock.holdForStart();
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch working = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> lock.whileHolding("a", () -> {
            events.add("a begins");
            working.countDown();
            sleep(500);
            events.add("a ends");
        }));
        assertThat(working.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> second =
                CompletableFuture.runAsync(() -> lock.whileHolding("b", () -> events.add("b")));
        CompletableFuture.allOf(first, second).get(30, TimeUnit.SECONDS);
        assertThat(events).containsExactly("a begins", "a ends", "b");
    }

    private static DataSource database() {
        // A database of its own: the shared one's server context takes the same lock when it starts.
        TestDatabase db = TestDatabase.get().another();
        return new DriverManagerDataSource(db.url(), db.username(), db.password());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
