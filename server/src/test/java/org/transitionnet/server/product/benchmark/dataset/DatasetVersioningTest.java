package org.transitionnet.server.product.benchmark.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The semantic version rule (one MAJOR line per version family), the family id and the dataset id. */
class DatasetVersioningTest {

    private static final Map<String, String> TASKS = Map.of("a", "1.0.0", "b", "1.0.0");

    @Test
    void eachFamilyIsOneMajorLine() {
        String a = family(TASKS, "cat-1", "deid-1", 5);
        assertThat(DatasetVersioning.nextSemver(List.of(), a)).isEqualTo("1.0.0");
        List<DatasetVersion> ready = List.of(version("1.0.0", a), version("1.2.0", a), version("1.1.0", a));
        assertThat(DatasetVersioning.nextSemver(ready, a))
                .as("the same family continues its MINOR")
                .isEqualTo("1.3.0");
        // Any change of the definition is another family, and another family starts a new MAJOR.
        for (String other : List.of(
                family(Map.of("a", "1.1.0", "b", "1.0.0"), "cat-1", "deid-1", 5),
                family(Map.of("a", "1.0.0"), "cat-1", "deid-1", 5),
                family(TASKS, "cat-2", "deid-1", 5),
                family(TASKS, "cat-1", "deid-2", 5),
                family(TASKS, "cat-1", "deid-1", 10))) {
            assertThat(other).isNotEqualTo(a);
            assertThat(DatasetVersioning.nextSemver(ready, other)).isEqualTo("2.0.0");
        }
        // A family keeps its MAJOR line after another family started a later one; a new one goes above all.
        String b = family(TASKS, "cat-1", "deid-1", 10);
        List<DatasetVersion> two = List.of(version("1.0.0", a), version("1.1.0", a), version("2.0.0", b));
        assertThat(DatasetVersioning.nextSemver(two, a)).isEqualTo("1.2.0");
        assertThat(DatasetVersioning.nextSemver(two, b)).isEqualTo("2.1.0");
        assertThat(DatasetVersioning.nextSemver(two, family(TASKS, "cat-3", "deid-1", 5)))
                .isEqualTo("3.0.0");
        // Compared numerically: 10.0.0 sorts after 9.1.0.
        List<DatasetVersion> numeric = List.of(version("9.1.0", b), version("10.0.0", a));
        assertThat(DatasetVersioning.nextSemver(numeric, a)).isEqualTo("10.1.0");
        assertThat(DatasetVersioning.nextSemver(numeric, family(TASKS, "cat-9", "deid-1", 5)))
                .isEqualTo("11.0.0");
        // Versions made before families belong to none: a family never continues them.
        assertThat(DatasetVersioning.nextSemver(List.of(version("1.0.0", null)), a))
                .isEqualTo("2.0.0");
    }

    @Test
    void theFamilyIdNamesItsDefinitionInAnyTaskOrder() {
        Map<String, String> reordered = new java.util.LinkedHashMap<>();
        reordered.put("b", "1.0.0");
        reordered.put("a", "1.0.0");
        assertThat(family(reordered, "cat-1", "deid-1", 5))
                .isEqualTo(family(TASKS, "cat-1", "deid-1", 5))
                .matches("fam-[0-9a-f]{16}");
    }

    private static String family(Map<String, String> tasks, String catalogue, String deid, int k) {
        return DatasetFamilies.familyId(tasks, catalogue, deid, k);
    }

    @Test
    void theIdNamesTheContent() {
        String hash = DatasetVersioning.sha256("x".getBytes());
        assertThat(hash).hasSize(64).isEqualTo("2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881");
        assertThat(DatasetVersioning.datasetId(hash)).isEqualTo("ds-2d711642b726");
    }

    private static DatasetVersion version(String semver, String family) {
        return new DatasetVersion(
                "ds-" + semver,
                semver,
                DatasetVersion.READY,
                "job",
                List.copyOf(TASKS.keySet()),
                TASKS,
                "cat-1",
                "deid-1",
                "hash-" + semver,
                Instant.parse("2026-01-01T00:00:00Z"),
                null,
                Map.of(),
                null,
                null,
                family);
    }
}
