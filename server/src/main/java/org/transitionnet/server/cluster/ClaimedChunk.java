package org.transitionnet.server.cluster;

import ca.uhn.fhir.batch2.model.JobWorkNotification;

/**
 * A work chunk as the recovery pass sees it: who holds it (null: nobody) and what a worker needs to be
 * told to run it.
 */
public record ClaimedChunk(
        String chunkId,
        String holder,
        String instanceId,
        String definitionId,
        int definitionVersion,
        String targetStepId) {

    public JobWorkNotification notification() {
        return new JobWorkNotification(definitionId, definitionVersion, instanceId, targetStepId, chunkId);
    }
}
