package org.transitionnet.server.cluster;

import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.api.IJobPersistence;
import ca.uhn.fhir.batch2.channel.BatchJobSender;
import ca.uhn.fhir.batch2.coordinator.JobDefinitionRegistry;
import ca.uhn.fhir.batch2.coordinator.WorkChannelMessageListener;
import ca.uhn.fhir.batch2.coordinator.WorkChunkProcessor;
import ca.uhn.fhir.batch2.model.JobWorkNotification;
import ca.uhn.fhir.interceptor.api.IInterceptorBroadcaster;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.server.messaging.IMessage;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * HAPI's Batch2 worker, running a work chunk only on the node that holds its claim: a notification of a
 * chunk another node has taken (work sharing, or a node that came back after being declared dead) is
 * dropped before HAPI touches the chunk, so two nodes never run one chunk at once. A chunk nobody holds
 * is claimed on the spot. One node never runs the same chunk twice at once either (two notifications of
 * one chunk in its queue); running it again after a failure, as HAPI's channel does, is allowed. Each
 * run is logged with the node's id.
 *
 * <p>The check sits here rather than in a {@code BATCH2_CHUNK_PROCESS_FILTER} interceptor because a filter
 * hook must run the step (HAPI-2648 otherwise, and the channel retries the message), and because HAPI has
 * already moved the chunk to IN_PROGRESS when the filter runs. Without claims (H2, or
 * {@code transitionnet.cluster.enabled=false}) it is HAPI's worker unchanged.
 */
public class HolderOnlyWorkListener extends WorkChannelMessageListener {

    private static final Logger log = LoggerFactory.getLogger(HolderOnlyWorkListener.class);

    private final ObjectProvider<ChunkClaims> claims;
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    public HolderOnlyWorkListener(
            IJobPersistence persistence,
            JobDefinitionRegistry definitions,
            BatchJobSender sender,
            WorkChunkProcessor processor,
            IJobMaintenanceService maintenance,
            IHapiTransactionService transactions,
            IInterceptorBroadcaster broadcaster,
            IInterceptorService interceptors,
            ObjectProvider<ChunkClaims> claims) {
        super(persistence, definitions, sender, processor, maintenance, transactions, broadcaster, interceptors);
        this.claims = claims;
    }

    @Override
    public void handleMessage(IMessage<JobWorkNotification> message) {
        ChunkClaims holder = claims.getIfAvailable();
        JobWorkNotification work = message.getPayload();
        if (holder == null || work == null || work.getChunkId() == null) {
            super.handleMessage(message);
            return;
        }
        String chunkId = work.getChunkId();
        if (!running.add(chunkId)) {
            log.info(
                    "Batch2 chunk {} of job {} is already running on this node; duplicate notification dropped",
                    chunkId,
                    work.getInstanceId());
            return;
        }
        try {
            if (!holder.start(chunkId)) {
                log.info(
                        "Batch2 chunk {} of job {} is held by another node; not run here",
                        chunkId,
                        work.getInstanceId());
                return;
            }
            log.info(
                    "Batch2 chunk {} of job {} ({} step {}) runs on node {}",
                    chunkId,
                    work.getInstanceId(),
                    work.getJobDefinitionId(),
                    work.getTargetStepId(),
                    holder.nodeId());
            super.handleMessage(message);
        } finally {
            running.remove(chunkId);
        }
    }
}
