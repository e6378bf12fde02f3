package org.transitionnet.server.product.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.async.JobOwnerAccess;
import org.transitionnet.server.product.benchmark.dataset.operations.DatasetBuildProvider;
import org.transitionnet.server.product.benchmark.evaluate.EvaluateProvider;
import org.transitionnet.server.product.benchmark.evaluate.LeaderboardProvider;
import org.transitionnet.server.security.OperationDeclaration;
import org.transitionnet.server.security.OperationDeclarations;
import org.transitionnet.server.security.ProductScope;
import org.transitionnet.server.security.SmartScope;

/**
 * The benchmark operations declare the benchmark's own scopes, and only those: reading (listing, card, files,
 * leaderboard), submitting ({@code $evaluate}) and building (the build, its status and cancellation) are granted by
 * {@code benchmark/*.read}, {@code benchmark/*.submit} and {@code benchmark/*.build}; no clinical scope grants any.
 */
class BenchmarkOperationAccessTest {

    private final OperationDeclarations declarations = OperationDeclarations.of(List.of(
            new DatasetBuildProvider(
                    null, null, null, null, null, () -> {}, id -> {}, JobOwnerAccess.ANYONE, (ids, k) -> "fam-test", 2),
            new EvaluateProvider(null, null, 1, 0.5),
            new LeaderboardProvider(null, null)));

    @Test
    void eachBenchmarkOperationDeclaresItsBenchmarkScope() {
        Map<String, ProductScope> expected = Map.of(
                BenchmarkOperations.DATASETS, ProductScope.BENCHMARK_READ,
                BenchmarkOperations.CARD, ProductScope.BENCHMARK_READ,
                BenchmarkOperations.FILE, ProductScope.BENCHMARK_READ,
                BenchmarkOperations.LEADERBOARD, ProductScope.BENCHMARK_READ,
                BenchmarkOperations.EVALUATE, ProductScope.BENCHMARK_SUBMIT,
                BenchmarkOperations.BUILD, ProductScope.BENCHMARK_BUILD,
                BenchmarkOperations.BUILD_STATUS, ProductScope.BENCHMARK_BUILD);
        assertThat(declarations.all()).hasSize(expected.size());
        expected.forEach((operation, scope) -> assertThat(
                        declarations.find(operation).orElseThrow().productScope())
                .as(operation)
                .isEqualTo(scope));
    }

    @Test
    void noClinicalScopeGrantsABenchmarkOperation() {
        for (OperationDeclaration operation : declarations.all()) {
            for (String clinical : List.of(
                    "system/Observation.rs",
                    "system/Observation.crs",
                    "user/Observation.rs",
                    "system/*.rs",
                    "user/*.cruds",
                    "patient/*.cruds")) {
                assertThat(operation.grantedBy(SmartScope.parse(clinical).orElseThrow()))
                        .as(operation.name() + " " + clinical)
                        .isFalse();
            }
        }
    }
}
