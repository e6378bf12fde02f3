package org.transitionnet.server.config;

import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * HAPI's Batch2 set-up (JPA persistence, work channel, maintenance) with the number of work-channel
 * consumers, i.e. chunks run at once on this node, taken from {@code transitionnet.jobs.workers}
 * instead of HAPI's fixed 4.
 */
@Configuration
public class Batch2WorkersConfig extends JpaBatch2Config {

	@Autowired
	private JobsProperties jobs;

	@Override
	protected int getConcurrentConsumers() {
		return jobs.workers();
	}
}
