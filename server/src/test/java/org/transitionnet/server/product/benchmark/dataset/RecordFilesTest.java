package org.transitionnet.server.product.benchmark.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.transitionnet.server.product.benchmark.dataset.DatasetFixture.HBA1C;
import static org.transitionnet.server.product.benchmark.dataset.DatasetFixture.LDL;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.product.benchmark.Split;

/** NDJSON lines are the one released JSON form; CSV flattens them under a fixed header with RFC 4180 quoting. */
class RecordFilesTest {

    private final Map<String, DatasetFile> files = new RecordFiles()
            .write(DatasetFixture.content()).stream().collect(Collectors.toMap(DatasetFile::path, f -> f));

    private String text(String path) {
        return new String(files.get(path).content(), StandardCharsets.UTF_8);
    }

    @Test
    void everyTaskAndSplitHasBothFilesEvenWhenEmpty() {
        assertThat(files).hasSize(12);
        assertThat(files.get("tasks/" + HBA1C + "/train.ndjson").mediaType()).isEqualTo("application/x-ndjson");
        assertThat(files.get("tasks/" + HBA1C + "/train.csv").mediaType()).isEqualTo("text/csv");
        assertThat(text("tasks/" + LDL + "/tuning.ndjson")).isEmpty();
        assertThat(text("tasks/" + LDL + "/tuning.csv").split("\r\n")).hasSize(1);
    }

    @Test
    void ndjsonLinesAreTheReleasedForm() {
        assertThat(text("tasks/" + HBA1C + "/train.ndjson"))
                .isEqualTo(DatasetRecordJson.released(DatasetFixture.H1, true) + "\n"
                        + DatasetRecordJson.released(DatasetFixture.H3, true) + "\n");
        assertThat(text("tasks/" + HBA1C + "/held_out.ndjson"))
                .isEqualTo(DatasetRecordJson.released(DatasetFixture.H4, false) + "\n"
                        + DatasetRecordJson.released(DatasetFixture.H5, false) + "\n");
        assertThat(text("tasks/" + HBA1C + "/held_out.ndjson")).doesNotContain("\"label\"");
        DatasetRecord back = DatasetRecordJson.fromReleased(
                text("tasks/" + HBA1C + "/tuning.ndjson").strip());
        assertThat(back.label()).isEqualTo(DatasetFixture.H2.label());
    }

    @Test
    void csvHeaderIsFixedByTheTaskAndHasLabelsOnlyWhereReleased() {
        String common = "recordId,task,subjectId,split,predictionTime,ageBand,sex,actionClass,coInterventionClass,"
                + "baseline.variable,baseline.value,baseline.unit,baseline.time,baseline.dayOffset,"
                + "inputs.bmi.value,inputs.bmi.dayOffset,inputs.egfr.value,inputs.egfr.dayOffset";
        String labels =
                ",label.direction,label.change,label.followUp,label.followUpTime,label.followUpDayOffset,label.adverseEvent";
        assertThat(text("tasks/" + HBA1C + "/train.csv")).startsWith(common + labels + "\r\n");
        assertThat(text("tasks/" + HBA1C + "/tuning.csv")).startsWith(common + labels + "\r\n");
        assertThat(text("tasks/" + HBA1C + "/held_out.csv")).startsWith(common + "\r\n");
        assertThat(text("tasks/" + LDL + "/held_out.csv"))
                .startsWith(common.replace("inputs.egfr", "inputs.total-cholesterol") + "\r\n");
    }

    @Test
    void csvRowsFlattenTheSameFields() {
        List<List<String>> train = parse(text("tasks/" + HBA1C + "/train.csv"));
        assertThat(train).hasSize(3);
        assertThat(train.get(1))
                .containsExactly(
                        "rec-h1",
                        HBA1C,
                        "101",
                        "train",
                        "2030-03-01T08:00:00Z",
                        "50-59",
                        "female",
                        "metformin;biguanides;glucose-lowering",
                        "",
                        "hba1c",
                        "8.1",
                        "%",
                        "2030-02-20T08:00:00Z",
                        "-9",
                        "31.2",
                        "-50",
                        "",
                        "",
                        "improved",
                        "-1.3",
                        "6.8",
                        "2030-06-01T08:00:00Z",
                        "92",
                        "false");
        List<List<String>> heldOut = parse(text("tasks/" + HBA1C + "/held_out.csv"));
        assertThat(heldOut.get(1))
                .containsExactly(
                        "rec-h4",
                        HBA1C,
                        "103",
                        "held_out",
                        "2031-03-10T07:00:00Z",
                        "70-79",
                        "",
                        "metformin;biguanides;glucose-lowering",
                        "",
                        "hba1c",
                        "9.2",
                        "%",
                        "2031-03-01T07:00:00Z",
                        "-9",
                        "",
                        "",
                        "48.5",
                        "-37");
    }

    @Test
    void csvQuotesPerRfc4180() {
        String tuning = text("tasks/" + HBA1C + "/tuning.csv");
        assertThat(tuning).contains(",\"exercise;diet \"\"low-carb\"\", supervised\",");
        List<List<String>> rows = parse(tuning);
        assertThat(rows.get(1).get(8)).isEqualTo("exercise;diet \"low-carb\", supervised");
        assertThat(rows.get(1)).hasSize(rows.get(0).size());
        assertThat(RecordCsv.quote("a\r\nb")).isEqualTo("\"a\r\nb\"");
        assertThat(RecordCsv.quote("plain")).isEqualTo("plain");
        assertThat(RecordCsv.quote("")).isEmpty();
    }

    @Test
    void labelsAreReleasedPerSplitRule() {
        assertThat(Split.values()).filteredOn(Split::labelsReleased).containsExactly(Split.TRAIN, Split.TUNING);
        assertThat(text("tasks/" + HBA1C + "/held_out.csv"))
                .doesNotContain("improved")
                .doesNotContain("7.0537");
    }

    /** A strict RFC 4180 reader: CRLF line ends, quoted fields with doubled quotes. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char ch = csv.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (ch == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                assertThat(ch)
                        .as("bare line feed or carriage return outside quotes")
                        .isNotIn('\n', '\r');
                field.append(ch);
            }
        }
        assertThat(field).as("last line ends with CRLF").isEmpty();
        return rows;
    }
}
