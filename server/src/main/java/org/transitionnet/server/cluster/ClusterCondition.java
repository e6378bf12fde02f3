package org.transitionnet.server.cluster;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Work is coordinated between nodes unless it is switched off or the database is H2 (an embedded file
 * database: one process, so one node, and no PostgreSQL upserts).
 */
public class ClusterCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var environment = context.getEnvironment();
        if (!environment.getProperty("transitionnet.cluster.enabled", Boolean.class, true)) {
            return ConditionOutcome.noMatch("transitionnet.cluster.enabled is false");
        }
        String url = environment.getProperty("spring.datasource.url", "");
        if (url.startsWith("jdbc:h2:")) {
            return ConditionOutcome.noMatch("H2 database: a single node");
        }
        return ConditionOutcome.match("PostgreSQL: Batch2 work chunks are claimed per node");
    }
}
