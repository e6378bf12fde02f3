package org.transitionnet.server.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs the heartbeat and the recovery pass on threads of their own once the server is up, so a long
 * task on the shared scheduler (an export purge, a flush of dirty patients) never delays a heartbeat and
 * gets this node declared dead. Stops them at shutdown; a node that stops without them simply times out.
 */
public class ClusterScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClusterScheduler.class);

    private final NodeRegistry nodes;
    private final ChunkRecovery recovery;
    private final ClusterProperties properties;
    private ThreadPoolTaskScheduler scheduler;

    public ClusterScheduler(NodeRegistry nodes, ChunkRecovery recovery, ClusterProperties properties) {
        this.nodes = nodes;
        this.recovery = recovery;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        nodes.heartbeat();
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("tn-cluster-");
        scheduler.setDaemon(true);
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(() -> guarded("heartbeat", nodes::heartbeat), properties.heartbeatInterval());
        scheduler.scheduleWithFixedDelay(() -> guarded("recovery", recovery::run), properties.recoveryInterval());
        log.info(
                "Cluster node {}: heartbeat every {}, dead after {}, recovery every {}, sharing work waiting longer than {}",
                nodes.node().id(),
                properties.heartbeatInterval(),
                properties.nodeTimeout(),
                properties.recoveryInterval(),
                properties.shareAfter());
    }

    private static void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("Cluster {} failed; will retry: {}", what, e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
