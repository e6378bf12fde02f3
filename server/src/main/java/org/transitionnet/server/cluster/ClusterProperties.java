package org.transitionnet.server.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How server nodes sharing one PostgreSQL database see each other and share Batch2 work.
 *
 * @param enabled           coordinate Batch2 work chunks between nodes (PostgreSQL only; H2 is always one node)
 * @param heartbeatInterval how often a node records that it is alive
 * @param nodeTimeout       a node whose last heartbeat is older than this is dead: its work is taken over
 * @param recoveryInterval  how often each node looks for work of dead nodes, unclaimed work and work to share
 * @param shareAfter        a chunk waiting this long, unstarted, in a busy node's queue may be taken by a node with free workers
 * @param forgetNodesAfter  rows of nodes dead for this long are removed
 */
@ConfigurationProperties("transitionnet.cluster")
public record ClusterProperties(
        Boolean enabled,
        Duration heartbeatInterval,
        Duration nodeTimeout,
        Duration recoveryInterval,
        Duration shareAfter,
        Duration forgetNodesAfter) {

    public ClusterProperties {
        enabled = enabled == null || enabled;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(5) : heartbeatInterval;
        nodeTimeout = nodeTimeout == null ? Duration.ofSeconds(30) : nodeTimeout;
        recoveryInterval = recoveryInterval == null ? Duration.ofSeconds(5) : recoveryInterval;
        shareAfter = shareAfter == null ? Duration.ofSeconds(2) : shareAfter;
        forgetNodesAfter = forgetNodesAfter == null ? Duration.ofHours(1) : forgetNodesAfter;
        if (nodeTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("transitionnet.cluster.node-timeout (" + nodeTimeout
                    + ") must be at least twice transitionnet.cluster.heartbeat-interval (" + heartbeatInterval + ")");
        }
    }
}
