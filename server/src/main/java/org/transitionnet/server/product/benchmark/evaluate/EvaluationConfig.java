package org.transitionnet.server.product.benchmark.evaluate;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.config.DatabaseKind;
import org.transitionnet.server.config.RestfulServerContributor;
import org.transitionnet.server.config.SchemaMigration;
import org.transitionnet.server.product.benchmark.BenchmarkProperties;
import org.transitionnet.server.product.benchmark.dataset.BaselineScorer;
import org.transitionnet.server.product.benchmark.dataset.DatasetStore;
import org.transitionnet.server.product.benchmark.task.TaskCatalog;

/** Benchmark evaluation: the label and submission stores, scoring with its held-out limit, the baselines, {@code $evaluate} and {@code $leaderboard}. */
@Configuration
public class EvaluationConfig {

    @Bean
    public LabelStore benchmarkLabelStore(JdbcTemplate jdbc, SchemaMigration schemaReady) {
        return new LabelStore(jdbc);
    }

    @Bean
    public SubmissionStore benchmarkSubmissionStore(JdbcTemplate jdbc, SchemaMigration schemaReady) {
        return new SubmissionStore(jdbc);
    }

    @Bean
    public HeldOutQuota benchmarkHeldOutQuota(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            DatabaseKind databaseKind,
            SubmissionStore submissions,
            BenchmarkProperties properties) {
        return new HeldOutQuota(
                jdbc,
                new TransactionTemplate(transactions),
                databaseKind,
                submissions,
                properties.heldOutEvaluations(),
                properties.heldOutWindow(),
                properties.heldOutDailyCap(),
                Clock.systemUTC());
    }

    @Bean
    public HeldOutRelease benchmarkHeldOutRelease(EvaluationProperties evaluation) {
        return new HeldOutRelease(evaluation.minHeldOutAggregate(), evaluation.operatingPoint());
    }

    @Bean
    public Evaluator benchmarkEvaluator(
            DatasetStore datasets,
            LabelStore labels,
            SubmissionStore submissions,
            HeldOutQuota quota,
            HeldOutRelease release,
            TaskCatalog tasks,
            BenchmarkProperties properties,
            EvaluationProperties evaluation) {
        return new Evaluator(
                datasets,
                labels,
                submissions,
                quota,
                release,
                tasks,
                properties.maxPredictions(),
                evaluation.operatingPoint(),
                Clock.systemUTC());
    }

    @Bean
    public BaselineScorer benchmarkBaselines(
            DatasetStore datasets,
            LabelStore labels,
            SubmissionStore submissions,
            MappingCatalogue catalog,
            PlatformTransactionManager transactions,
            HeldOutRelease release,
            EvaluationProperties evaluation) {
        return new ShippedBaselines(
                datasets,
                labels,
                submissions,
                catalog,
                new TransactionTemplate(transactions),
                release,
                evaluation.operatingPoint(),
                Clock.systemUTC());
    }

    @Bean
    public RestfulServerContributor benchmarkEvaluationOperations(
            Evaluator evaluator,
            TaskCatalog tasks,
            DatasetStore datasets,
            SubmissionStore submissions,
            BenchmarkProperties properties,
            EvaluationProperties evaluation) {
        return server -> {
            server.registerProvider(
                    new EvaluateProvider(evaluator, tasks, properties.maxPredictions(), evaluation.operatingPoint()));
            server.registerProvider(new LeaderboardProvider(datasets, new Leaderboard(submissions, tasks)));
        };
    }
}
