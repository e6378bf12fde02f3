package org.transitionnet.server.product.benchmark.dataset;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.transitionnet.server.config.SchemaMigration;

/** The reader of the benchmark's dataset versions, for the dataset operations and for scoring. */
@Configuration
public class DatasetStoreConfig {

    @Bean
    public DatasetStore datasetStore(JdbcTemplate jdbc, SchemaMigration schemaReady) {
        return new DatasetStore(jdbc);
    }
}
