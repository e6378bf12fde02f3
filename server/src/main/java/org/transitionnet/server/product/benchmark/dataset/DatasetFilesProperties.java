package org.transitionnet.server.product.benchmark.dataset;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of a dataset version's files.
 *
 * @param subjectsPerShard subjects per MEDS {@code data/<n>.parquet} file (default 10,000)
 */
@ConfigurationProperties("transitionnet.benchmark.files")
public record DatasetFilesProperties(Integer subjectsPerShard) {

    public DatasetFilesProperties {
        subjectsPerShard = subjectsPerShard == null ? MedsWriter.DEFAULT_SUBJECTS_PER_SHARD : subjectsPerShard;
        if (subjectsPerShard < 1) {
            throw new IllegalArgumentException("transitionnet.benchmark.files.subjects-per-shard must be at least 1");
        }
    }
}
