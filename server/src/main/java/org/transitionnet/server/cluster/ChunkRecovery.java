package org.transitionnet.server.cluster;

import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.api.IJobPersistence;
import ca.uhn.fhir.batch2.channel.BatchJobSender;
import ca.uhn.fhir.batch2.model.StatusEnum;
import java.time.Duration;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pass every node runs every {@code recovery-interval}, so that Batch2 work outlives the node that took
 * it: chunks held by dead nodes are taken over by this node and announced on its work channel; chunks
 * nobody holds (queued before claims existed) are adopted; when this node has free workers it takes
 * chunks that have waited unstarted in a busy node's queue; jobs whose reduction step died with its
 * node go back to IN_PROGRESS so that the next maintenance pass runs the reduction again; finished
 * claims and long-dead nodes are forgotten. Each change of holder is an atomic conditional update, so
 * nodes running the pass at the same moment never announce one chunk twice.
 */
public class ChunkRecovery {

    private static final Logger log = LoggerFactory.getLogger(ChunkRecovery.class);
    /** HAPI's reducer refreshes its instance's update time every minute while it runs. */
    private static final Duration REDUCER_HEARTBEAT = Duration.ofMinutes(1);

    private final ChunkClaims claims;
    private final NodeRegistry nodes;
    private final BatchJobSender sender;
    private final IJobPersistence jobs;
    private final IJobMaintenanceService maintenance;
    private final ClusterProperties properties;
    private final int workers;
    private final TransactionTemplate transaction;

    public ChunkRecovery(
            ChunkClaims claims,
            NodeRegistry nodes,
            BatchJobSender sender,
            IJobPersistence jobs,
            IJobMaintenanceService maintenance,
            ClusterProperties properties,
            int workers,
            TransactionTemplate transaction) {
        this.transaction = transaction;
        this.claims = claims;
        this.nodes = nodes;
        this.sender = sender;
        this.jobs = jobs;
        this.maintenance = maintenance;
        this.properties = properties;
        this.workers = workers;
    }

    /** What one pass did. */
    public record Pass(int takenOver, int adopted, int shared, int reductionsRestarted, int forgotten) {
        boolean changedAnything() {
            return takenOver + adopted + shared + reductionsRestarted > 0;
        }
    }

    public Pass run() {
        Duration timeout = properties.nodeTimeout();
        int takenOver = 0;
        for (ClaimedChunk chunk : claims.claimsOfDeadNodes(timeout)) {
            if (claims.takeOverFromDead(chunk.chunkId(), chunk.holder(), timeout)) {
                log.info(
                        "Batch2 chunk {} of job {} taken over from dead node {}",
                        chunk.chunkId(),
                        chunk.instanceId(),
                        chunk.holder());
                sender.sendWorkChannelMessage(chunk.notification());
                takenOver++;
            }
        }
        int adopted = 0;
        for (ClaimedChunk chunk : claims.unclaimed(timeout)) {
            if (claims.adopt(chunk.chunkId())) {
                log.info("Batch2 chunk {} of job {} was held by no node; adopted", chunk.chunkId(), chunk.instanceId());
                sender.sendWorkChannelMessage(chunk.notification());
                adopted++;
            }
        }
        int shared = 0;
        int free = workers - claims.outstanding();
        if (free > 0) {
            for (ClaimedChunk chunk : claims.waitingElsewhere(properties.shareAfter(), timeout, free)) {
                if (claims.takeUnstarted(chunk.chunkId(), chunk.holder())) {
                    log.info(
                            "Batch2 chunk {} of job {} taken from busy node {}",
                            chunk.chunkId(),
                            chunk.instanceId(),
                            chunk.holder());
                    sender.sendWorkChannelMessage(chunk.notification());
                    shared++;
                }
            }
        }
        int reductions = 0;
        for (String instanceId :
                claims.abandonedFinalizations(timeout, timeout.plus(REDUCER_HEARTBEAT.multipliedBy(2)))) {
            Boolean restarted = transaction.execute(status -> jobs.markInstanceAsStatusWhenStatusIn(
                    instanceId, StatusEnum.IN_PROGRESS, EnumSet.of(StatusEnum.FINALIZE)));
            if (Boolean.TRUE.equals(restarted)) {
                claims.releaseFinalize(instanceId);
                log.info("Job {} was finalizing on a node that died; its reduction step will run again", instanceId);
                reductions++;
            }
        }
        if (reductions > 0) {
            maintenance.triggerMaintenancePass();
        }
        int forgotten = claims.cleanUp() + nodes.forgetNodesDeadFor(properties.forgetNodesAfter());
        Pass pass = new Pass(takenOver, adopted, shared, reductions, forgotten);
        if (pass.changedAnything()) {
            log.info("Cluster recovery: {}", pass);
        }
        return pass;
    }
}
