package org.transitionnet.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.transitionnet.server.config.DatabaseKind;
import org.transitionnet.server.config.SchemaMigration;
import org.transitionnet.server.support.TestDatabase;

/**
 * The claim rules on the real schema (HAPI's Batch2 tables and ours, migrated into a database of this test's
 * own, so no running server's recovery pass touches its rows): a chunk runs only on its holder, a dead
 * node's chunks are taken over by exactly one live node, only unstarted chunks are shared, and a
 * reduction whose node died is found.
 */
class ChunkClaimsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static JdbcTemplate jdbc;

    private ChunkClaims a;
    private ChunkClaims b;
    private ChunkClaims c;
    private String instance;

    @BeforeAll
    static void schema() {
        TestDatabase db = TestDatabase.get().another();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        new SchemaMigration(dataSource, DatabaseKind.POSTGRESQL).migrate();
        jdbc = new JdbcTemplate(dataSource);
    }

    @BeforeEach
    void nodes() {
        a = node(true);
        b = node(true);
        c = node(true);
        instance = newInstance("IN_PROGRESS");
    }

    @Test
    void onlyTheHolderStartsAChunkAndMayStartItAgainAfterAFailure() {
        String chunk = newChunk(instance, "QUEUED");
        a.claimEnqueued(chunk);

        assertThat(b.start(chunk)).as("another node").isFalse();
        assertThat(a.start(chunk)).as("the holder").isTrue();
        assertThat(a.start(chunk))
                .as("the holder again, after a failed attempt")
                .isTrue();
        assertThat(holder(chunk)).isEqualTo(a.nodeId());
    }

    @Test
    void aChunkNobodyHoldsIsClaimedOnTheSpotByTheFirstNodeOnly() {
        String chunk = newChunk(instance, "IN_PROGRESS");

        assertThat(b.start(chunk)).isTrue();
        assertThat(a.start(chunk)).isFalse();
        assertThat(holder(chunk)).isEqualTo(b.nodeId());
    }

    @Test
    void aDeadNodesUnfinishedChunksAreTakenOverByExactlyOneLiveNode() {
        ChunkClaims dead = node(false);
        String queued = newChunk(instance, "QUEUED");
        String running = newChunk(instance, "IN_PROGRESS");
        String errored = newChunk(instance, "ERRORED");
        String done = newChunk(instance, "COMPLETED");
        for (String chunk : List.of(queued, running, errored, done)) {
            dead.claimEnqueued(chunk);
        }
        dead.start(running);
        String aliveHolders = newChunk(instance, "QUEUED");
        c.claimEnqueued(aliveHolders);

        List<ClaimedChunk> orphaned = ofThisTest(b.claimsOfDeadNodes(TIMEOUT));
        assertThat(orphaned).extracting(ClaimedChunk::chunkId).containsExactlyInAnyOrder(queued, running, errored);
        assertThat(orphaned).allSatisfy(chunk -> {
            assertThat(chunk.holder()).isEqualTo(dead.nodeId());
            assertThat(chunk.instanceId()).isEqualTo(instance);
            assertThat(chunk.notification().getChunkId()).isEqualTo(chunk.chunkId());
            assertThat(chunk.notification().getTargetStepId()).isEqualTo("derive-patients");
        });

        for (ClaimedChunk chunk : orphaned) {
            assertThat(b.takeOverFromDead(chunk.chunkId(), chunk.holder(), TIMEOUT))
                    .isTrue();
            assertThat(a.takeOverFromDead(chunk.chunkId(), chunk.holder(), TIMEOUT))
                    .as("a second live node")
                    .isFalse();
        }
        assertThat(holder(running)).isEqualTo(b.nodeId());
        assertThat(startedAt(running)).as("taken over chunks start afresh").isNull();
        assertThat(dead.start(running)).as("the dead node, back from a pause").isFalse();
        assertThat(b.start(running)).isTrue();
        assertThat(ofThisTest(a.claimsOfDeadNodes(TIMEOUT))).isEmpty();
        assertThat(b.takeOverFromDead(aliveHolders, c.nodeId(), TIMEOUT))
                .as("a live node's chunk")
                .isFalse();
    }

    @Test
    void chunksOfJobsThatAreNotRunningAreLeftAlone() {
        ChunkClaims dead = node(false);
        String cancelled = newInstance("CANCELLED");
        String chunk = newChunk(cancelled, "QUEUED");
        dead.claimEnqueued(chunk);

        assertThat(b.claimsOfDeadNodes(TIMEOUT))
                .extracting(ClaimedChunk::chunkId)
                .doesNotContain(chunk);
    }

    @Test
    void onlyUnstartedChunksWaitingLongEnoughAreShared() {
        String waiting = newChunk(instance, "QUEUED");
        String started = newChunk(instance, "IN_PROGRESS");
        String fresh = newChunk(instance, "QUEUED");
        a.claimEnqueued(waiting);
        a.claimEnqueued(started);
        a.start(started);
        jdbc.update(
                "UPDATE tn_chunk_claim SET claimed_at = now() - INTERVAL '10 seconds' WHERE chunk_id IN (?, ?)",
                waiting,
                started);
        a.claimEnqueued(fresh);

        List<ClaimedChunk> shareable = ofThisTest(b.waitingElsewhere(Duration.ofSeconds(2), TIMEOUT, 100));
        assertThat(shareable).extracting(ClaimedChunk::chunkId).containsExactly(waiting);

        assertThat(b.takeUnstarted(waiting, a.nodeId())).isTrue();
        assertThat(c.takeUnstarted(waiting, a.nodeId())).as("already taken").isFalse();
        assertThat(b.takeUnstarted(started, a.nodeId())).as("a started chunk").isFalse();
        assertThat(a.start(waiting)).as("the former holder finds it gone").isFalse();
        assertThat(b.start(waiting)).isTrue();
        assertThat(b.outstanding()).isEqualTo(1);
        assertThat(a.outstanding()).isEqualTo(2);
    }

    @Test
    void aHolderThatStartedFirstKeepsTheChunk() {
        String chunk = newChunk(instance, "QUEUED");
        a.claimEnqueued(chunk);
        jdbc.update("UPDATE tn_chunk_claim SET claimed_at = now() - INTERVAL '10 seconds' WHERE chunk_id = ?", chunk);
        assertThat(b.waitingElsewhere(Duration.ofSeconds(2), TIMEOUT, 100))
                .extracting(ClaimedChunk::chunkId)
                .contains(chunk);

        assertThat(a.start(chunk)).isTrue();
        assertThat(b.takeUnstarted(chunk, a.nodeId())).isFalse();
        assertThat(holder(chunk)).isEqualTo(a.nodeId());
    }

    @Test
    void unclaimedChunksAreAdoptedOnce() {
        String old = newChunk(instance, "QUEUED");
        jdbc.update("UPDATE bt2_work_chunk SET create_time = LOCALTIMESTAMP - INTERVAL '5 minutes' WHERE id = ?", old);
        String recent = newChunk(instance, "QUEUED");

        assertThat(a.unclaimed(TIMEOUT))
                .extracting(ClaimedChunk::chunkId)
                .contains(old)
                .doesNotContain(recent);
        assertThat(a.adopt(old)).isTrue();
        assertThat(b.adopt(old)).isFalse();
        assertThat(b.unclaimed(TIMEOUT)).extracting(ClaimedChunk::chunkId).doesNotContain(old);
    }

    @Test
    void aReductionWhoseNodeDiedIsFoundAndClaimsOfFinishedWorkAreForgotten() {
        ChunkClaims dead = node(false);
        String finalizingOnDeadNode = newInstance("FINALIZE");
        dead.claimFinalize(finalizingOnDeadNode);
        String finalizingHere = newInstance("FINALIZE");
        a.claimFinalize(finalizingHere);
        String done = newChunk(instance, "COMPLETED");
        a.claimEnqueued(done);
        String queued = newChunk(instance, "QUEUED");
        a.claimEnqueued(queued);

        assertThat(b.abandonedFinalizations(TIMEOUT, Duration.ofMinutes(3)))
                .contains(finalizingOnDeadNode)
                .doesNotContain(finalizingHere);

        a.cleanUp();
        assertThat(jdbc.queryForList("SELECT chunk_id FROM tn_chunk_claim", String.class))
                .contains(queued)
                .doesNotContain(done);
        jdbc.update("UPDATE bt2_job_instance SET stat = 'COMPLETED' WHERE id = ?", finalizingHere);
        a.cleanUp();
        assertThat(jdbc.queryForList("SELECT instance_id FROM tn_finalize_claim", String.class))
                .doesNotContain(finalizingHere)
                .contains(finalizingOnDeadNode);
    }

    /** Other tests' rows share the database: only this test's job instance counts. */
    private List<ClaimedChunk> ofThisTest(List<ClaimedChunk> chunks) {
        return chunks.stream()
                .filter(chunk -> chunk.instanceId().equals(instance))
                .toList();
    }

    private static ChunkClaims node(boolean alive) {
        String id = UUID.randomUUID().toString();
        jdbc.update(
                "INSERT INTO tn_node (node_id, host, pid, started_at, heartbeat_at) VALUES (?, 'test', 1, now(), now() - ?::interval)",
                id,
                alive ? "0 seconds" : "1 hour");
        return new ChunkClaims(jdbc, id);
    }

    private static String newInstance(String status) {
        String id = UUID.randomUUID().toString();
        jdbc.update(
                "INSERT INTO bt2_job_instance (id, job_cancelled, create_time, update_time, definition_id, definition_ver, error_count, "
                        + "progress_pct, stat, work_chunks_purged) VALUES (?, false, LOCALTIMESTAMP, LOCALTIMESTAMP, 'transitionnet-derive-transitions', 1, 0, 0, ?, false)",
                id,
                status);
        return id;
    }

    private static String newChunk(String instanceId, String status) {
        String id = UUID.randomUUID().toString();
        Integer seq = jdbc.queryForObject(
                "SELECT count(*) FROM bt2_work_chunk WHERE instance_id = ?", Integer.class, instanceId);
        jdbc.update(
                "INSERT INTO bt2_work_chunk (id, create_time, error_count, instance_id, definition_id, definition_ver, seq, stat, tgt_step_id) "
                        + "VALUES (?, LOCALTIMESTAMP, 0, ?, 'transitionnet-derive-transitions', 1, ?, ?, 'derive-patients')",
                id,
                instanceId,
                seq,
                status);
        return id;
    }

    private static String holder(String chunkId) {
        return jdbc.queryForObject("SELECT node_id FROM tn_chunk_claim WHERE chunk_id = ?", String.class, chunkId);
    }

    private static Object startedAt(String chunkId) {
        return jdbc.queryForObject("SELECT started_at FROM tn_chunk_claim WHERE chunk_id = ?", Object.class, chunkId);
    }
}
