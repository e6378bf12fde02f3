package org.transitionnet.server.product.benchmark.dataset;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The writer of a dataset version's released files, for the dataset build. */
@Configuration
public class DatasetFilesConfig {

    @Bean
    public DatasetFiles datasetFiles(DatasetFilesProperties properties) {
        return new DatasetFiles(properties.subjectsPerShard());
    }
}
