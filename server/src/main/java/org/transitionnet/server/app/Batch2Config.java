package org.transitionnet.server.app;

import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.api.IJobPersistence;
import ca.uhn.fhir.batch2.channel.BatchJobSender;
import ca.uhn.fhir.batch2.coordinator.JobDefinitionRegistry;
import ca.uhn.fhir.batch2.coordinator.WorkChannelMessageListener;
import ca.uhn.fhir.batch2.coordinator.WorkChunkProcessor;
import ca.uhn.fhir.interceptor.api.IInterceptorBroadcaster;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.transitionnet.server.cluster.ChunkClaims;
import org.transitionnet.server.cluster.HolderOnlyWorkListener;
import org.transitionnet.server.config.JobsProperties;

/**
 * HAPI's Batch2 set-up (JPA persistence, work channel, maintenance) with two changes: the number of
 * work-channel consumers, i.e. chunks run at once on this node, comes from {@code transitionnet.jobs.workers}
 * instead of HAPI's fixed 4; and the worker runs a chunk only on the node holding its claim
 * ({@link HolderOnlyWorkListener}, when nodes coordinate).
 */
@Configuration
public class Batch2Config extends JpaBatch2Config {

    @Autowired
    private JobsProperties jobs;

    @Autowired
    private IInterceptorService interceptors;

    @Autowired
    private ObjectProvider<ChunkClaims> claims;

    @Override
    protected int getConcurrentConsumers() {
        return jobs.workers();
    }

    @Bean
    @Override
    public WorkChannelMessageListener workChannelMessageListener(
            IJobPersistence persistence,
            JobDefinitionRegistry definitions,
            BatchJobSender sender,
            WorkChunkProcessor processor,
            IJobMaintenanceService maintenance,
            IHapiTransactionService transactions,
            IInterceptorBroadcaster broadcaster) {
        return new HolderOnlyWorkListener(
                persistence,
                definitions,
                sender,
                processor,
                maintenance,
                transactions,
                broadcaster,
                interceptors,
                claims);
    }
}
