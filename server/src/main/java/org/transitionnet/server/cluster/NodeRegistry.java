package org.transitionnet.server.cluster;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The nodes sharing the database ({@code tn_node}): this node registers itself at start and records a
 * heartbeat on its own thread, so a busy node is not mistaken for a dead one. Liveness is always judged
 * by the database clock, so nodes whose clocks differ still agree on who is alive.
 */
public class NodeRegistry {

    private static final Logger log = LoggerFactory.getLogger(NodeRegistry.class);

    private final JdbcTemplate jdbc;
    private final ClusterNode node;

    public NodeRegistry(JdbcTemplate jdbc, ClusterNode node) {
        this.jdbc = jdbc;
        this.node = node;
    }

    public ClusterNode node() {
        return node;
    }

    /** Records this node as alive now; registers it again if another node removed it as long dead. */
    public void heartbeat() {
        int updated = jdbc.update("UPDATE tn_node SET heartbeat_at = now() WHERE node_id = ?", node.id());
        if (updated == 0) {
            jdbc.update(
                    "INSERT INTO tn_node (node_id, host, pid, started_at, heartbeat_at) VALUES (?, ?, ?, now(), now()) "
                            + "ON CONFLICT (node_id) DO UPDATE SET heartbeat_at = now()",
                    node.id(),
                    node.host(),
                    node.pid());
            log.info(
                    "Cluster node {} (host {}, pid {}, {} Batch2 workers) registered",
                    node.id(),
                    node.host(),
                    node.pid(),
                    node.workers());
        }
    }

    /** Removes the rows of nodes whose last heartbeat is older than {@code after}; their claims count as a dead node's anyway. */
    public int forgetNodesDeadFor(Duration after) {
        return jdbc.update(
                "DELETE FROM tn_node WHERE heartbeat_at < now() - (? * INTERVAL '1 millisecond')", after.toMillis());
    }

    /** Number of nodes whose heartbeat is younger than the timeout (this one included once it has beaten). */
    public int liveNodes(Duration timeout) {
        Integer n = jdbc.queryForObject(
                "SELECT count(*) FROM tn_node WHERE heartbeat_at >= now() - (? * INTERVAL '1 millisecond')",
                Integer.class,
                timeout.toMillis());
        return n == null ? 0 : n;
    }
}
