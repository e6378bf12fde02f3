package org.transitionnet.server.cluster;

import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.batch2.model.WorkChunk;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IBaseInterceptorBroadcaster.IInterceptorFilterHook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a Batch2 work chunk only on the node that holds its claim: a notification of a chunk that
 * another node has taken (work sharing, or a node that came back after being declared dead) is
 * dropped, so two nodes never run one chunk at once. A chunk nobody holds is claimed on the spot.
 * One node never runs the same chunk twice at once either (two notifications of one chunk in its queue);
 * running it again after a failure, as HAPI does, is allowed. Each run is logged with the node's id.
 */
public class ChunkClaimFilter {

	private static final Logger log = LoggerFactory.getLogger(ChunkClaimFilter.class);

	private final ChunkClaims claims;
	private final Set<String> running = ConcurrentHashMap.newKeySet();

	public ChunkClaimFilter(ChunkClaims claims) {
		this.claims = claims;
	}

	@Hook(Pointcut.BATCH2_CHUNK_PROCESS_FILTER)
	public IInterceptorFilterHook onlyTheHolderRuns(JobInstance instance, WorkChunk chunk) {
		return step -> {
			String chunkId = chunk.getId();
			if (!running.add(chunkId)) {
				log.info("Batch2 chunk {} of job {} is already running on this node; duplicate notification dropped", chunkId,
						instance.getInstanceId());
				return;
			}
			try {
				if (!claims.start(chunkId)) {
					log.info("Batch2 chunk {} of job {} is held by another node; not run here", chunkId, instance.getInstanceId());
					return;
				}
				log.info("Batch2 chunk {} of job {} ({} step {}) runs on node {}", chunkId, instance.getInstanceId(),
						instance.getJobDefinitionId(), chunk.getTargetStepId(), claims.nodeId());
				step.run();
			} finally {
				running.remove(chunkId);
			}
		};
	}
}
