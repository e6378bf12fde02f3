package org.transitionnet.server.product.benchmark.task;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.product.benchmark.BenchmarkProperties;

/** The benchmark's tasks, read from {@code transitionnet.benchmark.tasks} and checked against the mapping catalogue at start. */
@Configuration
public class TaskCatalogConfig {

    @Bean
    public TaskCatalog benchmarkTasks(MappingCatalogue catalog, BenchmarkProperties properties) {
        return new TaskCatalogLoader(catalog).load(properties.tasks());
    }
}
