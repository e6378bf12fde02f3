package org.transitionnet.server.product.benchmark.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.transitionnet.server.product.benchmark.Split;

/**
 * The writer as the build calls it: every file of a version, sorted by path, the card and README among
 * them, and no held-out label in any file, whether searched as text in the bytes or as values read
 * back from the Parquet files.
 */
class DatasetFilesTest {

    private final DatasetContent content = DatasetFixture.content();

    @Test
    void writesEveryFileSortedByPath() throws IOException {
        List<DatasetFile> files = new DatasetFiles(2).write(content);
        List<String> paths = files.stream().map(DatasetFile::path).toList();
        assertThat(paths).isSorted().doesNotHaveDuplicates();
        assertThat(paths)
                .contains(
                        "README.md",
                        "card.json",
                        "card.md",
                        "data/0.parquet",
                        "data/1.parquet",
                        "metadata/dataset.json",
                        "metadata/codes.parquet",
                        "metadata/subject_splits.parquet",
                        "tasks/statin-ldl/held_out.csv",
                        "held_out/glucose-lowering-hba1c/prediction_times.parquet",
                        "metadata/record_ids.parquet");
        assertThat(paths).hasSize(12 + 20 + 3);
        Map<String, DatasetFile> byPath = files.stream().collect(Collectors.toMap(DatasetFile::path, f -> f));
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(byPath.get("card.json").content())
                        .equals(json.readTree(DatasetCard.json(content).toString())))
                .as("card.json is the card")
                .isTrue();
        assertThat(new String(byPath.get("card.md").content(), StandardCharsets.UTF_8))
                .isEqualTo(DatasetCard.markdown(content));
        assertThat(byPath.get("card.md").mediaType()).isEqualTo("text/markdown");
        String readme = new String(byPath.get("README.md").content(), StandardCharsets.UTF_8);
        assertThat(readme)
                .contains(
                        DatasetFixture.SAFETY,
                        "`data/1.parquet`",
                        "held_out/statin-ldl/prediction_times.parquet",
                        "metadata/record_ids.parquet",
                        "`<task>/<target>`");
        for (String path : paths) {
            if (!path.equals("README.md")) {
                assertThat(readme).as("README names %s", path).contains(path.startsWith("data/") ? "data/" : path);
            }
        }
    }

    @Test
    void noHeldOutLabelInAnyFile() throws IOException {
        Set<Object> heldOutValues = new HashSet<>();
        for (DatasetRecord r : DatasetFixture.RECORDS) {
            if (r.split() == Split.HELD_OUT) {
                heldOutValues.add(r.label().followUp().floatValue());
                heldOutValues.add(r.label().followUp().doubleValue());
                heldOutValues.add(r.label().change().doubleValue());
                heldOutValues.add(r.label().change().floatValue());
                heldOutValues.add(ChronoUnit.MICROS.between(
                        java.time.Instant.EPOCH, r.label().followUpTime()));
            }
        }
        for (DatasetFile f : new DatasetFiles(2).write(content)) {
            String bytes = new String(f.content(), StandardCharsets.ISO_8859_1);
            for (String value : DatasetFixture.HELD_OUT_LABEL_TEXT) {
                assertThat(bytes).as("%s holds %s", f.path(), value).doesNotContain(value);
            }
            if (f.path().endsWith(".parquet")) {
                for (Map<String, Object> row : ParquetReadBack.read(f.content()).rows()) {
                    for (Object v : row.values()) {
                        assertThat(heldOutValues)
                                .as("%s holds held-out label value %s", f.path(), v)
                                .doesNotContain(v);
                    }
                }
            }
            if (f.path().contains("held_out")) {
                assertThat(bytes)
                        .doesNotContain("improved")
                        .doesNotContain("\"label\"")
                        .doesNotContain("label.");
            }
        }
    }

    @Test
    void shardSizeIsAProperty() {
        new ApplicationContextRunner()
                .withUserConfiguration(DatasetFilesConfig.class)
                .withBean(DatasetFilesProperties.class, () -> new DatasetFilesProperties(3))
                .run(context -> assertThat(
                                context.getBean(DatasetFilesWriter.class).write(content))
                        .extracting(DatasetFile::path)
                        .filteredOn(p -> p.startsWith("data/"))
                        .containsExactly("data/0.parquet", "data/1.parquet"));
        new ApplicationContextRunner()
                .withUserConfiguration(PropertiesOnly.class)
                .withPropertyValues("transitionnet.benchmark.files.subjects-per-shard=3")
                .run(context -> assertThat(
                                context.getBean(DatasetFilesProperties.class).subjectsPerShard())
                        .isEqualTo(3));
        assertThat(new DatasetFilesProperties(null).subjectsPerShard()).isEqualTo(10_000);
    }

    @EnableConfigurationProperties(DatasetFilesProperties.class)
    static class PropertiesOnly {}

    @Test
    void temporaryFilesAreDeleted() throws IOException {
        Set<Path> before = temporaryFolders();
        new DatasetFiles().write(content);
        assertThat(temporaryFolders()).isEqualTo(before);
    }

    private static Set<Path> temporaryFolders() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("transitionnet-dataset-"))
                    .collect(Collectors.toSet());
        }
    }
}
