package org.transitionnet.server.product.benchmark.dataset;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A dataset version as stored ({@code tn_bench_dataset}). Once {@code ready} nothing of it changes.
 *
 * @param status        building | ready | failed
 * @param taskVersions  version of each published task
 * @param refusals      tasks asked for but not published, with the reason (population too small ...)
 * @param contentHash   SHA-256 over the released records and labels in a canonical order, and the task, catalogue and
 *                      de-identification versions; a rebuild with the same hash is the same version
 * @param cardJson      the dataset card (JSON) once ready
 * @param demonstration built with a lowered held-out threshold: a demonstration, not a benchmark
 * @param familyId      the version family ({@link DatasetFamilies}) whose keys made its ids and shifts; null for versions made
 *                      before families
 */
public record DatasetVersion(
        String datasetId,
        String semver,
        String status,
        String jobId,
        List<String> taskIds,
        Map<String, String> taskVersions,
        String catalogueVersion,
        String deidVersion,
        String contentHash,
        Instant createdAt,
        String builtBy,
        Map<String, String> refusals,
        String cardJson,
        String failure,
        boolean demonstration,
        String familyId) {

    /** A benchmark version (not a demonstration). */
    public DatasetVersion(
            String datasetId,
            String semver,
            String status,
            String jobId,
            List<String> taskIds,
            Map<String, String> taskVersions,
            String catalogueVersion,
            String deidVersion,
            String contentHash,
            Instant createdAt,
            String builtBy,
            Map<String, String> refusals,
            String cardJson,
            String failure,
            String familyId) {
        this(
                datasetId,
                semver,
                status,
                jobId,
                taskIds,
                taskVersions,
                catalogueVersion,
                deidVersion,
                contentHash,
                createdAt,
                builtBy,
                refusals,
                cardJson,
                failure,
                false,
                familyId);
    }

    /** How listings, cards and the leaderboard mark a demonstration version. */
    public static final String DEMONSTRATION_NOTE =
            "demonstration, not a benchmark: built with fewer held-out records or subjects than a "
                    + "benchmark needs; its scores do not rank models";

    public static final String BUILDING = "building";
    public static final String READY = "ready";
    public static final String FAILED = "failed";

    public boolean isReady() {
        return READY.equals(status);
    }
}
