package org.transitionnet.server.benchmark.dataset;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The semantic version rule and the dataset id. */
class DatasetVersioningTest {

	private static final Map<String, String> TASKS = Map.of("a", "1.0.0", "b", "1.0.0");

	@Test
	void firstIsOneZeroZeroSameDefinitionBumpsMinorAnyDefinitionChangeBumpsMajor() {
		assertThat(DatasetVersioning.nextSemver(List.of(), TASKS, "cat-1", "deid-1")).isEqualTo("1.0.0");
		List<DatasetVersion> ready = List.of(version("1.0.0", TASKS, "cat-1", "deid-1"), version("1.2.0", TASKS, "cat-1", "deid-1"),
				version("1.1.0", TASKS, "cat-1", "deid-1"));
		assertThat(DatasetVersioning.nextSemver(ready, TASKS, "cat-1", "deid-1")).isEqualTo("1.3.0");
		assertThat(DatasetVersioning.nextSemver(ready, Map.of("a", "1.1.0", "b", "1.0.0"), "cat-1", "deid-1")).isEqualTo("2.0.0");
		assertThat(DatasetVersioning.nextSemver(ready, Map.of("a", "1.0.0"), "cat-1", "deid-1")).as("another set of tasks").isEqualTo("2.0.0");
		assertThat(DatasetVersioning.nextSemver(ready, TASKS, "cat-2", "deid-1")).isEqualTo("2.0.0");
		assertThat(DatasetVersioning.nextSemver(ready, TASKS, "cat-1", "deid-2")).isEqualTo("2.0.0");
		// Compared with the highest version, not the newest row: 10.0.0 sorts after 9.1.0.
		List<DatasetVersion> numeric = List.of(version("9.1.0", TASKS, "cat-1", "deid-1"), version("10.0.0", TASKS, "cat-1", "deid-1"));
		assertThat(DatasetVersioning.nextSemver(numeric, TASKS, "cat-1", "deid-1")).isEqualTo("10.1.0");
	}

	@Test
	void theIdNamesTheContent() {
		String hash = DatasetVersioning.sha256("x".getBytes());
		assertThat(hash).hasSize(64).isEqualTo("2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881");
		assertThat(DatasetVersioning.datasetId(hash)).isEqualTo("ds-2d711642b726");
	}

	private static DatasetVersion version(String semver, Map<String, String> tasks, String catalogue, String deid) {
		return new DatasetVersion("ds-" + semver, semver, DatasetVersion.READY, "job", List.copyOf(tasks.keySet()), tasks, catalogue, deid,
				"hash-" + semver, Instant.parse("2026-01-01T00:00:00Z"), null, Map.of(), null, null);
	}
}
