package org.transitionnet.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Batch2 job engine settings.
 *
 * @param maintenanceIntervalMs how often each node's maintenance pass hands ready work chunks to
 *                              workers and advances jobs
 */
@ConfigurationProperties("transitionnet.jobs")
public record JobsProperties(Long maintenanceIntervalMs) {

	public JobsProperties {
		maintenanceIntervalMs = maintenanceIntervalMs == null ? 5000L : maintenanceIntervalMs;
	}
}
