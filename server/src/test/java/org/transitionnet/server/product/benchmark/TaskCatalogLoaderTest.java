package org.transitionnet.server.product.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;
import org.transitionnet.server.product.benchmark.task.SplitRule;
import org.transitionnet.server.product.benchmark.task.TaskCatalog;
import org.transitionnet.server.product.benchmark.task.TaskCatalogLoader;
import org.transitionnet.server.record.mapping.MappingCatalogLoader;

/** The shipped tasks load and agree with the catalogue; a task file that would publish a wrong dataset stops the load. */
class TaskCatalogLoaderTest {

    private static final MappingCatalogue CATALOG =
            new MappingCatalogLoader(new DefaultResourceLoader()).load("classpath:transitionnet/mappings/");
    private static final Path SHIPPED = Path.of("../benchmarks/tasks");

    @TempDir
    Path dir;

    @Test
    void shippedTasksLoadUnderOneSplitRule() {
        TaskCatalog tasks = new TaskCatalogLoader(CATALOG).load("classpath:transitionnet/benchmarks/tasks/");
        assertThat(tasks.tasks())
                .extracting(BenchmarkTask::id)
                .containsExactly("antihypertensive-systolic-bp", "glucose-lowering-hba1c", "statin-ldl");
        BenchmarkTask hba1c = tasks.task("glucose-lowering-hba1c").orElseThrow();
        assertThat(hba1c.targetVariable()).isEqualTo("hba1c");
        assertThat(hba1c.actionClasses()).containsExactly("glucose-lowering");
        assertThat(hba1c.inFollowUpWindow(60)).isTrue();
        assertThat(hba1c.inFollowUpWindow(201)).isFalse();
        assertThat(hba1c.changeUnit()).isEqualTo("%");
        assertThat(hba1c.safetyBoundary()).contains("not for individual care");
        assertThat(tasks.splitRule()).isEqualTo(new SplitRule(SplitRule.KEYED_SUBJECT_HASH, 1, 0.70, 0.15, 0.15));
        for (BenchmarkTask task : tasks.tasks()) {
            assertThat(task.primaryMetric()).isEqualTo("mae-skill");
            assertThat(task.secondaryMetrics())
                    .containsExactly("mae", "directional-accuracy", "brier", "interval-coverage");
            assertThat(task.metrics()).contains("mae-skill");
        }
    }

    @Test
    void theRankingNamesASkillPrimaryAndKnownSecondaryMetricsOfTheTask() throws IOException {
        write("a.yaml", shipped().replace("primary: mae-skill", "primary: directional-accuracy"));
        assertThatThrownBy(() -> load())
                .hasMessageContaining("ranking.primary 'directional-accuracy' must be a skill-type metric");
        write("a.yaml", shipped().replace("secondary: [mae,", "secondary: [accuracy-at-5,"));
        assertThatThrownBy(() -> load()).hasMessageContaining("ranking.secondary metric 'accuracy-at-5' is not one of");
        write("a.yaml", shipped().replace("secondary: [mae,", "secondary: [mae, mae,"));
        assertThatThrownBy(() -> load()).hasMessageContaining("names metric 'mae' twice");
        write("a.yaml", shipped().replace("metrics: [mae-skill, ", "metrics: ["));
        assertThatThrownBy(() -> load())
                .hasMessageContaining("ranking.primary metric 'mae-skill' is not among the task's metrics");
        write("a.yaml", shipped().replaceAll("(?m)^ranking:.*$", ""));
        assertThatThrownBy(() -> load()).hasMessageContaining("primary is missing");
        write(
                "a.yaml",
                shipped()
                        .replace(
                                "population: { minHeldOutSubjects: 5 }",
                                "population: { minHeldOutSubjects: 5, minHeldOutRecords: 80 }"));
        assertThat(load().tasks().get(0).minHeldOutRecords()).isEqualTo(80);
    }

    @Test
    void unknownVariableIsRefused() throws IOException {
        write("a.yaml", shipped().replace("target: hba1c", "target: hemoglobin"));
        assertThatThrownBy(() -> load())
                .hasMessageContaining("state variable 'hemoglobin' is not in the mapping catalogue");
    }

    @Test
    void unitOtherThanCanonicalIsRefused() throws IOException {
        write("a.yaml", shipped().replace("unit: \"%\"", "unit: mmol/mol"));
        assertThatThrownBy(() -> load()).hasMessageContaining("is not the canonical unit of hba1c");
    }

    @Test
    void windowTheCatalogueNeverDerivesIsRefused() throws IOException {
        write("a.yaml", shipped().replace("{ minDays: 60, maxDays: 200 }", "{ minDays: 500, maxDays: 600 }"));
        assertThatThrownBy(() -> load()).hasMessageContaining("never meets the catalogue's follow-up window");
    }

    @Test
    void tasksWithDifferentSplitsAreRefused() throws IOException {
        write("a.yaml", shipped());
        write(
                "b.yaml",
                shipped()
                        .replace("id: glucose-lowering-hba1c", "id: other")
                        .replace("train: 0.70, tuning: 0.15", "train: 0.60, tuning: 0.25"));
        assertThatThrownBy(() -> load()).hasMessageContaining("every task must share one split rule");
    }

    @Test
    void splitFractionsMustAddUpAndMetricsBeKnown() throws IOException {
        write("a.yaml", shipped().replace("heldOut: 0.15", "heldOut: 0.25"));
        assertThatThrownBy(() -> load()).hasMessageContaining("add up to 1");
        write("a.yaml", shipped().replace("metrics: [", "metrics: [accuracy-at-5, "));
        assertThatThrownBy(() -> load()).hasMessageContaining("metric 'accuracy-at-5' is not one of");
    }

    @Test
    void duplicateIdsAreRefused() throws IOException {
        write("a.yaml", shipped());
        write("b.yaml", shipped());
        assertThatThrownBy(() -> load()).hasMessageContaining("is used by two files");
    }

    @Test
    void splitAssignmentFollowsTheFractions() {
        SplitRule rule = new SplitRule(SplitRule.KEYED_SUBJECT_HASH, 1, 0.70, 0.15, 0.15);
        assertThat(rule.assign(0L)).isEqualTo(Split.TRAIN);
        assertThat(rule.assign(-1L)).isEqualTo(Split.HELD_OUT);
        // 0.75 of the range lies in tuning (0.70 to 0.85).
        assertThat(rule.assign((long) (0.75 * 0x1.0p53) << 11)).isEqualTo(Split.TUNING);
        int[] counts = new int[3];
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            counts[rule.assign(random.nextLong()).ordinal()]++;
        }
        assertThat(counts[0]).isBetween(69_000, 71_000);
        assertThat(counts[1]).isBetween(14_300, 15_700);
        assertThat(counts[2]).isBetween(14_300, 15_700);
    }

    private String shipped() throws IOException {
        return Files.readString(SHIPPED.resolve("glucose-lowering-hba1c.yaml"));
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    private TaskCatalog load() {
        return new TaskCatalogLoader(CATALOG).load(dir.toUri().toString());
    }
}
