package org.transitionnet.server.app;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/** Production mode: the checks of {@link ProductionGuard}, before anything else starts. */
@Configuration
@Profile("production")
public class ProductionModeConfig {

    @Bean
    public static ProductionGuard productionGuard(Environment environment) {
        return new ProductionGuard(environment);
    }
}
