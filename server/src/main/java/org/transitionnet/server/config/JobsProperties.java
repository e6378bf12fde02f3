package org.transitionnet.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Batch2 job engine settings.
 *
 * @param maintenanceIntervalMs how often each node's maintenance pass hands ready work chunks to
 *                              workers and advances jobs
 * @param workers               work chunks one node runs at once (HAPI's Batch2 channel consumers); also
 *                              the node's capacity when nodes share work
 */
@ConfigurationProperties("transitionnet.jobs")
public record JobsProperties(Long maintenanceIntervalMs, Integer workers) {

    public JobsProperties {
        maintenanceIntervalMs = maintenanceIntervalMs == null ? 5000L : maintenanceIntervalMs;
        workers = workers == null ? 4 : workers;
        if (workers < 1) {
            throw new IllegalArgumentException("transitionnet.jobs.workers must be at least 1, got " + workers);
        }
    }
}
