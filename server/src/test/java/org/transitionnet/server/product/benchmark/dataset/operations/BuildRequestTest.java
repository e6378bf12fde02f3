package org.transitionnet.server.product.benchmark.dataset.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.transitionnet.server.product.benchmark.BenchmarkProperties;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;
import org.transitionnet.server.product.benchmark.task.TaskCatalog;
import org.transitionnet.server.product.benchmark.task.TaskCatalogLoader;
import org.transitionnet.server.record.mapping.MappingCatalogLoader;

/**
 * Kick-off parameters: tasks by name; k only raised, never lowered; held-out subjects and records lowered only where
 * demonstration versions are allowed, and such a request is a demonstration.
 */
class BuildRequestTest {

    private static final TaskCatalog TASKS = new TaskCatalogLoader(
                    new MappingCatalogLoader(new DefaultResourceLoader()).load("classpath:transitionnet/mappings/"))
            .load("classpath:transitionnet/benchmarks/tasks/");
    private static final BenchmarkProperties STRICT =
            new BenchmarkProperties(null, 5, null, null, null, null, null, null, false);
    private static final BenchmarkProperties SMALL =
            new BenchmarkProperties(null, 5, null, null, null, null, null, null, true);

    @Test
    void noTaskMeansEveryTaskAndNamedTasksComeInCatalogueOrderOnce() {
        BuildRequest all = BuildRequest.of(Map.of(), TASKS, STRICT, 2);
        assertThat(all.tasks()).isEqualTo(TASKS.tasks());
        assertThat(all.k()).isEqualTo(5);
        assertThat(all.minHeldOutSubjects()).isNull();
        BuildRequest two = BuildRequest.of(
                Map.of("task", List.of("statin-ldl", "antihypertensive-systolic-bp", "statin-ldl")), TASKS, STRICT, 2);
        assertThat(two.tasks())
                .extracting(BenchmarkTask::id)
                .containsExactly("antihypertensive-systolic-bp", "statin-ldl");
        assertThatThrownBy(() -> BuildRequest.of(Map.of("task", List.of("statin-ldl", "imagenet")), TASKS, STRICT, 2))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("imagenet")
                .hasMessageNotContaining("statin-ldl,");
    }

    @Test
    void kIsAServerPolicyARequesterMayRaiseButNeverLower() {
        assertThat(BuildRequest.of(Map.of("_k", List.of("11")), TASKS, STRICT, 2)
                        .k())
                .isEqualTo(11);
        // Not even where demonstration versions are allowed.
        for (BenchmarkProperties properties : List.of(STRICT, SMALL)) {
            assertThatThrownBy(() -> BuildRequest.of(Map.of("_k", List.of("2")), TASKS, properties, 2))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("only raise k");
        }
    }

    @Test
    void lowerHeldOutThresholdsOnlyForDemonstrationVersionsHigherAlways() {
        BuildRequest strict = BuildRequest.of(
                Map.of("_minHeldOutSubjects", List.of("40"), "_minHeldOutRecords", List.of("60")), TASKS, STRICT, 2);
        assertThat(strict.demonstration()).isFalse();
        assertThat(strict.minHeldOutRecords()).isEqualTo(60);
        assertThat(BuildRequest.minHeldOutRecords(TASKS.tasks().get(0), STRICT)).isEqualTo(50);
        assertThatThrownBy(() -> BuildRequest.of(Map.of("_minHeldOutSubjects", List.of("4")), TASKS, STRICT, 2))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("allow-demonstration-versions");
        assertThatThrownBy(() -> BuildRequest.of(Map.of("_minHeldOutRecords", List.of("49")), TASKS, STRICT, 2))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("allow-demonstration-versions");
        BuildRequest demo = BuildRequest.of(
                Map.of("_minHeldOutSubjects", List.of("1"), "_minHeldOutRecords", List.of("1")), TASKS, SMALL, 2);
        assertThat(demo.demonstration()).isTrue();
        assertThat(demo.minHeldOutSubjects()).isEqualTo(1);
        assertThat(demo.minHeldOutRecords()).isEqualTo(1);
        assertThat(BuildRequest.of(Map.of(), TASKS, SMALL, 2).demonstration()).isFalse();
    }

    @Test
    void aSmallerMOnlyForDemonstrationVersionsALargerOneAlways() {
        assertThat(BuildRequest.of(Map.of(), TASKS, STRICT, 2).setValuedM()).isEqualTo(2);
        BuildRequest stricter = BuildRequest.of(Map.of("_m", List.of("3")), TASKS, STRICT, 2);
        assertThat(stricter.setValuedM()).isEqualTo(3);
        assertThat(stricter.demonstration()).isFalse();
        assertThatThrownBy(() -> BuildRequest.of(Map.of("_m", List.of("0")), TASKS, STRICT, 2))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("allow-demonstration-versions");
        BuildRequest demo = BuildRequest.of(Map.of("_m", List.of("0")), TASKS, SMALL, 2);
        assertThat(demo.setValuedM()).isZero();
        assertThat(demo.demonstration()).isTrue();
        assertThatThrownBy(() -> BuildRequest.of(Map.of("_m", List.of("4")), TASKS, SMALL, 2))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("0, 1, 2 or 3");
    }

    @Test
    void numbersMustBeWholeAndPositiveAndGivenOnce() {
        for (Map<String, List<String>> bad : List.of(
                Map.of("_k", List.of("0")),
                Map.of("_k", List.of("2.5")),
                Map.of("_k", List.of("5", "6")),
                Map.of("_minHeldOutSubjects", List.of("-3")),
                Map.of("_minHeldOutRecords", List.of("0")))) {
            assertThatThrownBy(() -> BuildRequest.of(bad, TASKS, SMALL, 2))
                    .as(bad.toString())
                    .isInstanceOf(InvalidRequestException.class);
        }
    }
}
