package org.transitionnet.server.product.benchmark;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.config.SchemaMigration;
import org.transitionnet.server.product.benchmark.dataset.DatasetStore;
import org.transitionnet.server.product.benchmark.task.TaskCatalog;
import org.transitionnet.server.product.benchmark.task.TaskCatalogLoader;

/** The benchmark: its tasks (checked against the mapping catalogue at start) and the reader of its dataset versions. */
@Configuration
public class BenchmarkConfig {

    @Bean
    public TaskCatalog benchmarkTasks(MappingCatalogue catalog, BenchmarkProperties properties) {
        return new TaskCatalogLoader(catalog).load(properties.tasks());
    }

    @Bean
    public DatasetStore datasetStore(JdbcTemplate jdbc, SchemaMigration schemaReady) {
        return new DatasetStore(jdbc);
    }
}
