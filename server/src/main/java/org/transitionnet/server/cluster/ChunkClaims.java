package org.transitionnet.server.cluster;

import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Which node runs which Batch2 work chunk ({@code tn_chunk_claim}), and which node runs a job's final
 * reduction ({@code tn_finalize_claim}). Every change of holder is one conditional UPDATE or INSERT on the
 * claim's row, so of two nodes racing for a chunk exactly one wins, and a chunk runs only on the node
 * that holds it. HAPI's own tables say which chunks still need work; claims only say where.
 */
public class ChunkClaims {

    /** Chunk states in which a chunk still has to run (or run again). */
    private static final String UNFINISHED = "('QUEUED', 'IN_PROGRESS', 'ERRORED')";
    /** Job instance states in which its chunks are run. */
    private static final String RUNNING = "('QUEUED', 'IN_PROGRESS', 'ERRORED')";

    private static final String LIVE =
            "EXISTS (SELECT 1 FROM tn_node n WHERE n.node_id = %s AND n.heartbeat_at >= now() - (? * INTERVAL '1 millisecond'))";
    private static final String CHUNK_COLUMNS = "w.instance_id, w.definition_id, w.definition_ver, w.tgt_step_id";
    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final String me;

    public ChunkClaims(JdbcTemplate jdbc, String nodeId) {
        this.jdbc = jdbc;
        this.me = nodeId;
    }

    public String nodeId() {
        return me;
    }

    /** This node has just queued the chunk for its own workers: it holds it, not yet started. */
    public void claimEnqueued(String chunkId) {
        jdbc.update(
                "INSERT INTO tn_chunk_claim (chunk_id, node_id, claimed_at, started_at) VALUES (?, ?, now(), NULL) "
                        + "ON CONFLICT (chunk_id) DO UPDATE SET node_id = EXCLUDED.node_id, claimed_at = EXCLUDED.claimed_at, started_at = NULL",
                chunkId,
                me);
    }

    /**
     * Whether this node may run the chunk now: it holds the claim (also when running it again after a
     * failure), or nobody does and this node takes it on the spot. Marks the claim started, so it is no
     * longer shared with other nodes.
     */
    public boolean start(String chunkId) {
        if (jdbc.update("UPDATE tn_chunk_claim SET started_at = now() WHERE chunk_id = ? AND node_id = ?", chunkId, me)
                == 1) {
            return true;
        }
        return jdbc.update(
                        "INSERT INTO tn_chunk_claim (chunk_id, node_id, claimed_at, started_at) VALUES (?, ?, now(), now()) "
                                + "ON CONFLICT (chunk_id) DO NOTHING",
                        chunkId,
                        me)
                == 1;
    }

    /** Unfinished chunks of running jobs held by nodes that are not alive. */
    public List<ClaimedChunk> claimsOfDeadNodes(Duration nodeTimeout) {
        return jdbc.query(
                "SELECT c.chunk_id, c.node_id, " + CHUNK_COLUMNS + " FROM tn_chunk_claim c "
                        + "JOIN bt2_work_chunk w ON w.id = c.chunk_id JOIN bt2_job_instance i ON i.id = w.instance_id "
                        + "WHERE c.node_id <> ? AND w.stat IN " + UNFINISHED + " AND i.stat IN " + RUNNING
                        + " AND NOT " + LIVE.formatted("c.node_id") + " ORDER BY w.instance_id, w.seq LIMIT " + BATCH,
                CHUNK,
                me,
                nodeTimeout.toMillis());
    }

    /** Takes a dead node's claim for this node, unstarted; false when another node was faster or the holder is alive again. */
    public boolean takeOverFromDead(String chunkId, String deadNode, Duration nodeTimeout) {
        return jdbc.update(
                        "UPDATE tn_chunk_claim c SET node_id = ?, claimed_at = now(), started_at = NULL "
                                + "WHERE c.chunk_id = ? AND c.node_id = ? AND NOT " + LIVE.formatted("c.node_id"),
                        me,
                        chunkId,
                        deadNode,
                        nodeTimeout.toMillis())
                == 1;
    }

    /** Unfinished chunks of running jobs that nobody holds, created longer ago than {@code olderThan}. */
    public List<ClaimedChunk> unclaimed(Duration olderThan) {
        return jdbc.query(
                "SELECT w.id, NULL, " + CHUNK_COLUMNS
                        + " FROM bt2_work_chunk w JOIN bt2_job_instance i ON i.id = w.instance_id "
                        + "WHERE w.stat IN " + UNFINISHED + " AND i.stat IN " + RUNNING
                        + " AND w.create_time < LOCALTIMESTAMP - (? * INTERVAL '1 millisecond') "
                        + "AND NOT EXISTS (SELECT 1 FROM tn_chunk_claim c WHERE c.chunk_id = w.id) ORDER BY w.instance_id, w.seq LIMIT "
                        + BATCH,
                CHUNK,
                olderThan.toMillis());
    }

    /** Claims a chunk nobody holds for this node, unstarted; false when another node was faster. */
    public boolean adopt(String chunkId) {
        return jdbc.update(
                        "INSERT INTO tn_chunk_claim (chunk_id, node_id, claimed_at, started_at) VALUES (?, ?, now(), NULL) "
                                + "ON CONFLICT (chunk_id) DO NOTHING",
                        chunkId,
                        me)
                == 1;
    }

    /** Unfinished chunks this node holds: the work it has queued or running. */
    public int outstanding() {
        Integer n = jdbc.queryForObject(
                "SELECT count(*) FROM tn_chunk_claim c JOIN bt2_work_chunk w ON w.id = c.chunk_id "
                        + "WHERE c.node_id = ? AND w.stat IN " + UNFINISHED,
                Integer.class,
                me);
        return n == null ? 0 : n;
    }

    /**
     * Unstarted chunks of running jobs that live nodes have held for longer than {@code waitedLonger} (they
     * are waiting in a busy node's queue), oldest first.
     */
    public List<ClaimedChunk> waitingElsewhere(Duration waitedLonger, Duration nodeTimeout, int limit) {
        return jdbc.query(
                "SELECT c.chunk_id, c.node_id, " + CHUNK_COLUMNS + " FROM tn_chunk_claim c "
                        + "JOIN bt2_work_chunk w ON w.id = c.chunk_id JOIN bt2_job_instance i ON i.id = w.instance_id "
                        + "WHERE c.node_id <> ? AND c.started_at IS NULL AND c.claimed_at < now() - (? * INTERVAL '1 millisecond') "
                        + "AND w.stat IN " + UNFINISHED + " AND i.stat IN " + RUNNING + " AND "
                        + LIVE.formatted("c.node_id")
                        + " ORDER BY c.claimed_at LIMIT ?",
                CHUNK,
                me,
                waitedLonger.toMillis(),
                nodeTimeout.toMillis(),
                limit);
    }

    /** Takes another node's claim while it is still unstarted; false once that node has started it (or another node took it). */
    public boolean takeUnstarted(String chunkId, String holder) {
        return jdbc.update(
                        "UPDATE tn_chunk_claim SET node_id = ?, claimed_at = now() WHERE chunk_id = ? AND node_id = ? AND started_at IS NULL",
                        me,
                        chunkId,
                        holder)
                == 1;
    }

    /** This node has moved the job instance to FINALIZE and runs its reduction step. */
    public void claimFinalize(String instanceId) {
        jdbc.update(
                "INSERT INTO tn_finalize_claim (instance_id, node_id, claimed_at) VALUES (?, ?, now()) "
                        + "ON CONFLICT (instance_id) DO UPDATE SET node_id = EXCLUDED.node_id, claimed_at = EXCLUDED.claimed_at",
                instanceId,
                me);
    }

    /**
     * Job instances stuck in FINALIZE: their reduction was started by a node that is no longer alive, or
     * (no claim recorded) HAPI's reducer heartbeat has not touched them for {@code unclaimedAfter}.
     */
    public List<String> abandonedFinalizations(Duration nodeTimeout, Duration unclaimedAfter) {
        return jdbc.queryForList(
                "SELECT i.id FROM bt2_job_instance i LEFT JOIN tn_finalize_claim f ON f.instance_id = i.id "
                        + "WHERE i.stat = 'FINALIZE' AND ((f.node_id IS NOT NULL AND NOT " + LIVE.formatted("f.node_id")
                        + ") "
                        + "OR (f.node_id IS NULL AND i.update_time < LOCALTIMESTAMP - (? * INTERVAL '1 millisecond')))",
                String.class,
                nodeTimeout.toMillis(),
                unclaimedAfter.toMillis());
    }

    public void releaseFinalize(String instanceId) {
        jdbc.update("DELETE FROM tn_finalize_claim WHERE instance_id = ?", instanceId);
    }

    /** Forgets claims of chunks that are done (or gone) and of reductions that are over. */
    public int cleanUp() {
        int chunks = jdbc.update("DELETE FROM tn_chunk_claim c WHERE NOT EXISTS (SELECT 1 FROM bt2_work_chunk w "
                + "WHERE w.id = c.chunk_id AND w.stat IN " + UNFINISHED + ")");
        int reductions =
                jdbc.update("DELETE FROM tn_finalize_claim f WHERE NOT EXISTS (SELECT 1 FROM bt2_job_instance i "
                        + "WHERE i.id = f.instance_id AND i.stat = 'FINALIZE')");
        return chunks + reductions;
    }

    private static final RowMapper<ClaimedChunk> CHUNK = (rs, i) -> new ClaimedChunk(
            rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6));
}
