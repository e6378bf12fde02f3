package org.transitionnet.server.cluster;

import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.api.IJobPersistence;
import ca.uhn.fhir.batch2.channel.BatchJobSender;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.transitionnet.server.config.JobsProperties;
import org.transitionnet.server.config.SchemaMigration;

/**
 * Several nodes on one PostgreSQL database: node heartbeats, per-node claims on Batch2 work chunks (which
 * {@link HolderOnlyWorkListener}, set up in {@code Batch2Config}, checks before a chunk runs), and the recovery pass that takes over dead nodes' work and
 * shares queued work with idle nodes.
 */
@Configuration
@Conditional(ClusterCondition.class)
public class ClusterConfig {

    @Bean
    public static JobPersistenceDecorator jobPersistenceDecorator(
            ObjectProvider<ChunkClaims> claims, ObjectProvider<PlatformTransactionManager> transactions) {
        return new JobPersistenceDecorator(claims, transactions);
    }

    @Bean
    public ClusterNode clusterNode(JobsProperties jobs) {
        return ClusterNode.thisProcess(jobs.workers());
    }

    @Bean
    public NodeRegistry nodeRegistry(JdbcTemplate jdbc, ClusterNode node, SchemaMigration schemaReady) {
        return new NodeRegistry(jdbc, node);
    }

    @Bean
    public ChunkClaims chunkClaims(JdbcTemplate jdbc, ClusterNode node, SchemaMigration schemaReady) {
        return new ChunkClaims(jdbc, node.id());
    }

    @Bean
    public ChunkRecovery chunkRecovery(
            ChunkClaims claims,
            NodeRegistry nodes,
            BatchJobSender sender,
            IJobPersistence jobs,
            IJobMaintenanceService maintenance,
            ClusterProperties properties,
            ClusterNode node,
            PlatformTransactionManager transactions) {
        return new ChunkRecovery(
                claims,
                nodes,
                sender,
                jobs,
                maintenance,
                properties,
                node.workers(),
                new TransactionTemplate(transactions));
    }

    @Bean
    public ClusterScheduler clusterScheduler(NodeRegistry nodes, ChunkRecovery recovery, ClusterProperties properties) {
        return new ClusterScheduler(nodes, recovery, properties);
    }
}
