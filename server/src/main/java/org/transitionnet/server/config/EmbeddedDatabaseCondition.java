package org.transitionnet.server.config;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The embedded PostgreSQL starts only when it is enabled and no database is named: an operator who sets
 * {@code spring.datasource.url} always gets that database, whatever profile is active.
 */
public class EmbeddedDatabaseCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var environment = context.getEnvironment();
        if (!environment.getProperty("transitionnet.db.embedded.enabled", Boolean.class, false)) {
            return ConditionOutcome.noMatch("transitionnet.db.embedded.enabled is not true");
        }
        if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            return ConditionOutcome.noMatch("spring.datasource.url names a database");
        }
        return ConditionOutcome.match("embedded PostgreSQL enabled and no spring.datasource.url");
    }
}
