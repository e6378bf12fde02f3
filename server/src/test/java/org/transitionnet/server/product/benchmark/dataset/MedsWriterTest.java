package org.transitionnet.server.product.benchmark.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.transitionnet.server.product.benchmark.dataset.DatasetFixture.HBA1C;
import static org.transitionnet.server.product.benchmark.dataset.DatasetFixture.LDL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MEDS layout written by DuckDB, read back by parquet-java: the MEDS types, one shard per subject,
 * sorted rows, splits, codes with the action-class hierarchy, label files for train and tuning only and
 * no held-out label anywhere in the data.
 */
class MedsWriterTest {

    private static Map<String, DatasetFile> files;

    @BeforeAll
    static void write() {
        files = new MedsWriter(2)
                .write(DatasetFixture.content()).stream().collect(Collectors.toMap(DatasetFile::path, f -> f));
    }

    private static ParquetReadBack.Table table(String path) throws IOException {
        assertThat(files).containsKey(path);
        assertThat(files.get(path).mediaType()).isEqualTo("application/vnd.apache.parquet");
        return ParquetReadBack.read(files.get(path).content());
    }

    @Test
    void writesExactlyTheMedsPaths() {
        assertThat(files.keySet())
                .containsExactlyInAnyOrder(
                        "data/0.parquet",
                        "data/1.parquet",
                        "metadata/dataset.json",
                        "metadata/codes.parquet",
                        "metadata/subject_splits.parquet",
                        "labels/" + HBA1C + "/direction/train.parquet",
                        "labels/" + HBA1C + "/change/train.parquet",
                        "labels/" + HBA1C + "/adverseEvent/train.parquet",
                        "labels/" + HBA1C + "/direction/tuning.parquet",
                        "labels/" + HBA1C + "/change/tuning.parquet",
                        "labels/" + HBA1C + "/adverseEvent/tuning.parquet",
                        "held_out/" + HBA1C + "/prediction_times.parquet",
                        "metadata/record_ids.parquet",
                        "labels/" + LDL + "/direction/train.parquet",
                        "labels/" + LDL + "/change/train.parquet",
                        "labels/" + LDL + "/adverseEvent/train.parquet",
                        "labels/" + LDL + "/direction/tuning.parquet",
                        "labels/" + LDL + "/change/tuning.parquet",
                        "labels/" + LDL + "/adverseEvent/tuning.parquet",
                        "held_out/" + LDL + "/prediction_times.parquet");
        assertThat(files.keySet()).noneMatch(p -> p.contains("held_out.parquet"));
        // MEDS tools read every Parquet file under a task's folder as labels: nothing else lies under labels/.
        assertThat(files.keySet())
                .filteredOn(p -> p.startsWith("labels/"))
                .allMatch(p -> p.matches("labels/[a-z0-9-]+/(direction|change|adverseEvent)/(train|tuning)\\.parquet"));
    }

    @Test
    void dataHasTheMedsTypes() throws IOException {
        for (String path : List.of("data/0.parquet", "data/1.parquet")) {
            ParquetReadBack.Table t = table(path);
            assertThat(t.columns()).containsExactly("subject_id", "time", "code", "numeric_value");
            assertInt64(t.primitive("subject_id"));
            assertTimestampMicros(t.primitive("time"));
            assertString(t.primitive("code"));
            assertThat(t.primitive("numeric_value").getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.FLOAT);
        }
    }

    @Test
    void eachSubjectIsInOneShardSortedStaticFirstThenByTime() throws IOException {
        Map<Long, String> shardOf = new HashMap<>();
        for (String path : List.of("data/0.parquet", "data/1.parquet")) {
            List<Map<String, Object>> rows = table(path).rows();
            for (int i = 0; i < rows.size(); i++) {
                long subject = (Long) rows.get(i).get("subject_id");
                String before = shardOf.putIfAbsent(subject, path);
                assertThat(before == null || before.equals(path))
                        .as("subject %s in one shard", subject)
                        .isTrue();
                if (i > 0) {
                    Map<String, Object> prev = rows.get(i - 1);
                    assertThat(compare(prev, rows.get(i)))
                            .as("row %s of %s sorted", i, path)
                            .isLessThanOrEqualTo(0);
                }
            }
        }
        assertThat(shardOf)
                .containsEntry(101L, "data/0.parquet")
                .containsEntry(102L, "data/0.parquet")
                .containsEntry(103L, "data/1.parquet")
                .containsEntry(104L, "data/1.parquet");
    }

    @Test
    void aTrainSubjectsTimelineHoldsBaselinesInputsActionsAndFollowUps() throws IOException {
        List<String> rows = new ArrayList<>();
        for (Map<String, Object> r : table("data/0.parquet").rows()) {
            if ((Long) r.get("subject_id") == 101L) {
                rows.add(time(r.get("time")) + " " + r.get("code") + " " + r.get("numeric_value"));
            }
        }
        assertThat(rows)
                .containsExactly(
                        "null AGE_BAND//50-59 null",
                        "null SEX//female null",
                        // One BMI event although two records (of two tasks) carry the same measurement.
                        "2030-01-10T09:30:00Z STATE//bmi 31.2",
                        "2030-01-10T09:30:00Z STATE//ldl-cholesterol 131.0",
                        "2030-01-10T09:30:00Z STATE//total-cholesterol 210.0",
                        "2030-02-01T08:00:00Z ACTION//statins null",
                        "2030-02-20T08:00:00Z STATE//hba1c 8.1",
                        "2030-03-01T08:00:00Z ACTION//metformin null",
                        "2030-05-01T08:00:00Z STATE//ldl-cholesterol 90.0",
                        "2030-06-01T08:00:00Z STATE//hba1c 6.8",
                        "2031-01-20T08:00:00Z STATE//hba1c 6.9",
                        "2031-02-01T08:00:00Z ACTION//metformin null",
                        "2031-07-01T08:00:00Z STATE//hba1c 7.0");
    }

    @Test
    void heldOutSubjectsHaveNoFollowUpAndNoTargetMeasurementInTheirWindow() throws IOException {
        List<String> rows = new ArrayList<>();
        for (Map<String, Object> r : table("data/1.parquet").rows()) {
            rows.add(r.get("subject_id") + " " + time(r.get("time")) + " " + r.get("code") + " "
                    + r.get("numeric_value"));
        }
        assertThat(rows)
                .containsExactly(
                        "103 null AGE_BAND//70-79 null",
                        "103 2031-02-01T07:00:00Z STATE//egfr 48.5",
                        "103 2031-03-01T07:00:00Z STATE//hba1c 9.2",
                        "103 2031-03-10T07:00:00Z ACTION//metformin null",
                        // H5's baseline (2031-06-28, inside H4's follow-up window) is left out.
                        "103 2031-07-18T07:00:00Z ACTION//sulfonylureas null",
                        "104 null AGE_BAND//40-49 null",
                        "104 null SEX//male null",
                        "104 2031-03-20T08:00:00Z STATE//ldl-cholesterol 162.5",
                        "104 2031-03-20T08:00:00Z STATE//total-cholesterol 240.0",
                        "104 2031-04-01T08:00:00Z ACTION//statins null");
        List<Float> heldOutValues = List.of(7.0537f, 6.6182f, 103.6235f, 7.3311f);
        for (String path : List.of("data/0.parquet", "data/1.parquet")) {
            assertThat(table(path).rows())
                    .noneMatch(r -> r.get("numeric_value") != null && heldOutValues.contains(r.get("numeric_value")));
        }
    }

    @Test
    void subjectSplitsListEverySubjectOnce() throws IOException {
        ParquetReadBack.Table t = table("metadata/subject_splits.parquet");
        assertThat(t.columns()).containsExactly("subject_id", "split");
        assertInt64(t.primitive("subject_id"));
        assertString(t.primitive("split"));
        assertThat(t.rows())
                .extracting(r -> r.get("subject_id") + "=" + r.get("split"))
                .containsExactly("101=train", "102=tuning", "103=held_out", "104=held_out");
    }

    @Test
    void codesDescribeEveryCodeWithTheActionHierarchyAsParents() throws IOException {
        ParquetReadBack.Table t = table("metadata/codes.parquet");
        assertThat(t.columns()).containsExactly("code", "description", "parent_codes");
        assertString(t.primitive("code"));
        assertString(t.primitive("description"));
        Type parents = t.schema().getType("parent_codes");
        assertThat(parents.getLogicalTypeAnnotation())
                .isInstanceOf(LogicalTypeAnnotation.ListLogicalTypeAnnotation.class);
        assertString(parents.asGroupType().getType(0).asGroupType().getType(0).asPrimitiveType());
        Map<String, Object> byCode = new HashMap<>();
        t.rows().forEach(r -> byCode.put((String) r.get("code"), r.get("parent_codes")));
        assertThat(t.rows())
                .extracting(r -> r.get("code"))
                .containsExactly(
                        "ACTION//biguanides",
                        "ACTION//glucose-lowering",
                        "ACTION//lipid-lowering",
                        "ACTION//metformin",
                        "ACTION//statins",
                        "ACTION//sulfonylureas",
                        "AGE_BAND//40-49",
                        "AGE_BAND//50-59",
                        "AGE_BAND//60-69",
                        "AGE_BAND//70-79",
                        "SEX//female",
                        "SEX//male",
                        "STATE//bmi",
                        "STATE//egfr",
                        "STATE//hba1c",
                        "STATE//ldl-cholesterol",
                        "STATE//total-cholesterol");
        assertThat(byCode.get("ACTION//metformin")).isEqualTo(List.of("ACTION//biguanides"));
        assertThat(byCode.get("ACTION//biguanides")).isEqualTo(List.of("ACTION//glucose-lowering"));
        assertThat(byCode.get("ACTION//sulfonylureas")).isEqualTo(List.of("ACTION//glucose-lowering"));
        assertThat(byCode.get("ACTION//statins")).isEqualTo(List.of("ACTION//lipid-lowering"));
        assertThat(byCode.get("ACTION//glucose-lowering")).isEqualTo(List.of());
        assertThat(t.rows())
                .filteredOn(r -> r.get("code").equals("STATE//hba1c"))
                .extracting(r -> r.get("description"))
                .singleElement()
                .asString()
                .contains("hba1c in %");
    }

    /**
     * MEDS v0.4's closed label schema, column by column: {@code subject_id} int64 and {@code prediction_time}
     * timestamp[us], both mandatory and never null, then exactly one of the optional value columns, never
     * null ({@code boolean_value} bool, {@code float_value} float32, {@code categorical_value} string), and no
     * other column. DuckDB marks every Parquet column OPTIONAL; MEDS's "not nullable" is checked on the values.
     */
    @Test
    void labelsHaveExactlyTheMedsLabelSchema() throws IOException {
        Map<String, String> valueColumn =
                Map.of("direction", "categorical_value", "change", "float_value", "adverseEvent", "boolean_value");
        for (String task : List.of(HBA1C, LDL)) {
            for (String split : List.of("train", "tuning")) {
                for (String target : MedsWriter.TARGETS) {
                    ParquetReadBack.Table t = table("labels/" + task + "/" + target + "/" + split + ".parquet");
                    String value = valueColumn.get(target);
                    assertThat(t.columns())
                            .as(task + "/" + target)
                            .containsExactly("subject_id", "prediction_time", value);
                    assertInt64(t.primitive("subject_id"));
                    assertThat(t.primitive("subject_id").getLogicalTypeAnnotation())
                            .isIn(null, LogicalTypeAnnotation.intType(64, true));
                    assertTimestampMicros(t.primitive("prediction_time"));
                    switch (value) {
                        case "categorical_value" -> assertString(t.primitive(value));
                        case "float_value" -> {
                            assertThat(t.primitive(value).getPrimitiveTypeName())
                                    .as("float32")
                                    .isEqualTo(PrimitiveTypeName.FLOAT);
                            assertThat(t.primitive(value).getLogicalTypeAnnotation())
                                    .isNull();
                        }
                        default -> {
                            assertThat(t.primitive(value).getPrimitiveTypeName())
                                    .isEqualTo(PrimitiveTypeName.BOOLEAN);
                            assertThat(t.primitive(value).getLogicalTypeAnnotation())
                                    .isNull();
                        }
                    }
                    for (String column : t.columns()) {
                        assertThat(t.primitive(column).getRepetition())
                                .isNotEqualTo(org.apache.parquet.schema.Type.Repetition.REPEATED);
                        assertThat(t.rows()).as("no null " + column).allMatch(r -> r.get(column) != null);
                    }
                }
            }
        }
        ParquetReadBack.Table direction = table("labels/" + HBA1C + "/direction/train.parquet");
        assertThat(direction.rows())
                .extracting(r ->
                        r.get("subject_id") + " " + time(r.get("prediction_time")) + " " + r.get("categorical_value"))
                .containsExactly("101 2030-03-01T08:00:00Z improved", "101 2031-02-01T08:00:00Z unchanged");
        assertThat(table("labels/" + HBA1C + "/change/train.parquet").rows())
                .extracting(r -> r.get("float_value"))
                .containsExactly(-1.3f, 0.1f);
        assertThat(table("labels/" + HBA1C + "/adverseEvent/tuning.parquet").rows())
                .extracting(r -> r.get("subject_id") + "/" + r.get("boolean_value"))
                .containsExactly("102/true");
        assertThat(table("labels/" + LDL + "/change/tuning.parquet").rows()).isEmpty();
    }

    @Test
    void recordIdsAreMappedOutsideTheLabels() throws IOException {
        ParquetReadBack.Table t = table("metadata/record_ids.parquet");
        assertThat(t.columns()).containsExactly("subject_id", "prediction_time", "task", "split", "record_id");
        assertInt64(t.primitive("subject_id"));
        assertTimestampMicros(t.primitive("prediction_time"));
        assertString(t.primitive("task"));
        assertString(t.primitive("split"));
        assertString(t.primitive("record_id"));
        // Every record of every split, in the label files' row order within a task and split.
        assertThat(t.rows())
                .extracting(r -> r.get("task") + " " + r.get("split") + " " + r.get("subject_id") + " "
                        + time(r.get("prediction_time")) + " " + r.get("record_id"))
                .containsExactly(
                        HBA1C + " train 101 2030-03-01T08:00:00Z rec-h1",
                        HBA1C + " train 101 2031-02-01T08:00:00Z rec-h3",
                        HBA1C + " tuning 102 2031-01-15T10:00:00Z rec-h2",
                        HBA1C + " held_out 103 2031-03-10T07:00:00Z rec-h4",
                        HBA1C + " held_out 103 2031-07-18T07:00:00Z rec-h5",
                        LDL + " train 101 2030-02-01T08:00:00Z rec-s1",
                        LDL + " held_out 104 2031-04-01T08:00:00Z rec-s2");
    }

    @Test
    void heldOutHasPredictionTimesOnly() throws IOException {
        ParquetReadBack.Table t = table("held_out/" + HBA1C + "/prediction_times.parquet");
        assertThat(t.columns()).containsExactly("subject_id", "prediction_time", "record_id");
        assertInt64(t.primitive("subject_id"));
        assertTimestampMicros(t.primitive("prediction_time"));
        assertThat(t.rows())
                .extracting(r -> r.get("subject_id") + " " + time(r.get("prediction_time")) + " " + r.get("record_id"))
                .containsExactly("103 2031-03-10T07:00:00Z rec-h4", "103 2031-07-18T07:00:00Z rec-h5");
        assertThat(table("held_out/" + LDL + "/prediction_times.parquet").rows())
                .extracting(r -> r.get("record_id"))
                .containsExactly("rec-s2");
    }

    @Test
    void datasetJsonNamesTheVersion() throws IOException {
        DatasetFile f = files.get("metadata/dataset.json");
        assertThat(f.mediaType()).isEqualTo("application/json");
        JsonNode json = new ObjectMapper().readTree(f.content());
        assertThat(json.path("dataset_name").asText()).isEqualTo("transitionnet-benchmark");
        assertThat(json.path("dataset_version").asText()).isEqualTo("1.2.0");
        assertThat(json.path("etl_name").asText()).isEqualTo("transitionnet");
        assertThat(json.path("etl_version").asText()).isEqualTo("2026.11.3");
        assertThat(json.path("meds_version").asText()).isEqualTo("0.4.0");
        assertThat(json.path("created_at").asText()).isEqualTo("2026-11-26T09:00:00Z");
    }

    @Test
    void defaultShardHoldsAllFourSubjects() {
        List<DatasetFile> written =
                new MedsWriter(MedsWriter.DEFAULT_SUBJECTS_PER_SHARD).write(DatasetFixture.content());
        assertThat(written)
                .extracting(DatasetFile::path)
                .filteredOn(p -> p.startsWith("data/"))
                .containsExactly("data/0.parquet");
    }

    private static int compare(Map<String, Object> a, Map<String, Object> b) {
        Comparator<Map<String, Object>> order = Comparator.<Map<String, Object>>comparingLong(
                        r -> (Long) r.get("subject_id"))
                .thenComparing(r -> (Long) r.get("time"), Comparator.nullsFirst(Comparator.naturalOrder()));
        return order.compare(a, b);
    }

    private static String time(Object micros) {
        return micros == null
                ? "null"
                : Instant.EPOCH.plus((Long) micros, ChronoUnit.MICROS).toString();
    }

    private static void assertInt64(PrimitiveType t) {
        assertThat(t.getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.INT64);
    }

    /** MEDS timestamp[us]: INT64 TIMESTAMP(MICROS), not adjusted to UTC (no time zone). */
    private static void assertTimestampMicros(PrimitiveType t) {
        assertThat(t.getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.INT64);
        assertThat(t.getLogicalTypeAnnotation())
                .isInstanceOf(LogicalTypeAnnotation.TimestampLogicalTypeAnnotation.class);
        LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts =
                (LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) t.getLogicalTypeAnnotation();
        assertThat(ts.getUnit()).isEqualTo(LogicalTypeAnnotation.TimeUnit.MICROS);
        assertThat(ts.isAdjustedToUTC()).isFalse();
    }

    private static void assertString(PrimitiveType t) {
        assertThat(t.getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.BINARY);
        assertThat(t.getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.stringType());
    }
}
