package org.transitionnet.server.benchmark.dataset;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.transitionnet.server.benchmark.BenchmarkProperties;
import org.transitionnet.server.benchmark.task.BenchmarkTask;
import org.transitionnet.server.benchmark.task.TaskCatalog;
import org.transitionnet.server.benchmark.task.TaskCatalogLoader;
import org.transitionnet.server.mapping.MappingCatalogLoader;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kick-off parameters: tasks by name, and k and held-out subjects lowered only where small populations are allowed. */
class BuildRequestTest {

	private static final TaskCatalog TASKS = new TaskCatalogLoader(
			new MappingCatalogLoader(new DefaultResourceLoader()).load("classpath:transitionnet/mappings/"))
			.load("classpath:transitionnet/benchmarks/tasks/");
	private static final BenchmarkProperties STRICT = new BenchmarkProperties(null, 5, null, null, null, null, false);
	private static final BenchmarkProperties SMALL = new BenchmarkProperties(null, 5, null, null, null, null, true);

	@Test
	void noTaskMeansEveryTaskAndNamedTasksComeInCatalogueOrderOnce() {
		BuildRequest all = BuildRequest.of(Map.of(), TASKS, STRICT);
		assertThat(all.tasks()).isEqualTo(TASKS.tasks());
		assertThat(all.k()).isEqualTo(5);
		assertThat(all.minHeldOutSubjects()).isNull();
		BuildRequest two = BuildRequest.of(Map.of("task", List.of("statin-ldl", "antihypertensive-systolic-bp", "statin-ldl")), TASKS, STRICT);
		assertThat(two.tasks()).extracting(BenchmarkTask::id).containsExactly("antihypertensive-systolic-bp", "statin-ldl");
		assertThatThrownBy(() -> BuildRequest.of(Map.of("task", List.of("statin-ldl", "imagenet")), TASKS, STRICT))
				.isInstanceOf(InvalidRequestException.class).hasMessageContaining("imagenet").hasMessageNotContaining("statin-ldl,");
	}

	@Test
	void smallerPopulationsOnlyWhereAllowedLargerAlways() {
		assertThat(BuildRequest.of(Map.of("_k", List.of("11"), "_minHeldOutSubjects", List.of("40")), TASKS, STRICT).k()).isEqualTo(11);
		assertThatThrownBy(() -> BuildRequest.of(Map.of("_k", List.of("2")), TASKS, STRICT))
				.isInstanceOf(InvalidRequestException.class).hasMessageContaining("allow-small-populations");
		assertThatThrownBy(() -> BuildRequest.of(Map.of("_minHeldOutSubjects", List.of("4")), TASKS, STRICT))
				.isInstanceOf(InvalidRequestException.class).hasMessageContaining("allow-small-populations");
		BuildRequest small = BuildRequest.of(Map.of("_k", List.of("2"), "_minHeldOutSubjects", List.of("1")), TASKS, SMALL);
		assertThat(small.k()).isEqualTo(2);
		assertThat(small.minHeldOutSubjects()).isEqualTo(1);
	}

	@Test
	void numbersMustBeWholeAndPositiveAndGivenOnce() {
		for (Map<String, List<String>> bad : List.of(Map.of("_k", List.of("0")), Map.of("_k", List.of("2.5")), Map.of("_k", List.of("5", "6")),
				Map.of("_minHeldOutSubjects", List.of("-3")))) {
			assertThatThrownBy(() -> BuildRequest.of(bad, TASKS, SMALL)).as(bad.toString()).isInstanceOf(InvalidRequestException.class);
		}
	}
}
