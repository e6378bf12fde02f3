package org.transitionnet.server.product.benchmark.dataset;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.transitionnet.server.product.benchmark.Split;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;
import org.transitionnet.server.product.benchmark.task.InputVariable;
import org.transitionnet.server.product.benchmark.task.SplitRule;

/**
 * A small hand-built dataset version: two tasks, four subjects in all three splits, a subject with two
 * episodes in one task and records in two tasks, a held-out subject whose later baseline lies in an
 * earlier held-out record's follow-up window, and held-out label values that appear nowhere else.
 */
final class DatasetFixture {

    static final String SAFETY =
            "Observational, non-randomized research data. Not for individual care, diagnosis or treatment decisions.";
    static final String HBA1C = "glucose-lowering-hba1c";
    static final String LDL = "statin-ldl";
    static final List<String> DIRECTIONS = List.of("improved", "unchanged", "worsened");

    /** Held-out label values and times (as text): none may appear in any released file. */
    static final List<String> HELD_OUT_LABEL_TEXT = List.of(
            "7.0537", "2.1463", "6.6182", "0.7129", "103.6235", "58.8765", "2031-06-18", "2031-11-01", "2031-08-08");

    static final BenchmarkTask HBA1C_TASK = task(
            HBA1C,
            "hba1c",
            "%",
            List.of(new InputVariable("bmi", 365), new InputVariable("egfr", 365)),
            List.of("glucose-lowering"),
            60,
            200);
    static final BenchmarkTask LDL_TASK = task(
            LDL,
            "ldl-cholesterol",
            "mg/dL",
            List.of(new InputVariable("bmi", 365), new InputVariable("total-cholesterol", 365)),
            List.of("statins"),
            28,
            400);

    private static final List<String> METFORMIN = List.of("metformin", "biguanides", "glucose-lowering");
    private static final List<String> SULFONYLUREAS = List.of("sulfonylureas", "glucose-lowering");
    private static final List<String> STATINS = List.of("statins", "lipid-lowering");

    static final DatasetRecord H1 = record(
            HBA1C,
            "rec-h1",
            101,
            Split.TRAIN,
            "2030-03-01T08:00:00Z",
            "50-59",
            "female",
            METFORMIN,
            List.of(),
            m("hba1c", "8.1", "%", "2030-02-20T08:00:00Z", -9),
            Map.of("bmi", m("bmi", "31.2", "kg/m2", "2030-01-10T09:30:00Z", -50)),
            label("improved", "-1.3", "6.8", "2030-06-01T08:00:00Z", 92, false));
    static final DatasetRecord H3 = record(
            HBA1C,
            "rec-h3",
            101,
            Split.TRAIN,
            "2031-02-01T08:00:00Z",
            "50-59",
            "female",
            METFORMIN,
            List.of(),
            m("hba1c", "6.9", "%", "2031-01-20T08:00:00Z", -12),
            Map.of(),
            label("unchanged", "0.1", "7.0", "2031-07-01T08:00:00Z", 150, false));
    static final DatasetRecord H2 = record(
            HBA1C,
            "rec-h2",
            102,
            Split.TUNING,
            "2031-01-15T10:00:00Z",
            "60-69",
            "male",
            SULFONYLUREAS,
            List.of("exercise", "diet \"low-carb\", supervised"),
            m("hba1c", "7.4", "%", "2031-01-05T10:00:00Z", -10),
            inputs(
                    m("bmi", "28.4", "kg/m2", "2030-12-01T10:00:00Z", -45),
                    m("egfr", "71", "mL/min/{1.73_m2}", "2030-11-20T10:00:00Z", -56)),
            label("worsened", "0.6", "8.0", "2031-05-15T10:00:00Z", 120, true));
    static final DatasetRecord H4 = record(
            HBA1C,
            "rec-h4",
            103,
            Split.HELD_OUT,
            "2031-03-10T07:00:00Z",
            "70-79",
            null,
            METFORMIN,
            List.of(),
            m("hba1c", "9.2", "%", "2031-03-01T07:00:00Z", -9),
            Map.of("egfr", m("egfr", "48.5", "mL/min/{1.73_m2}", "2031-02-01T07:00:00Z", -37)),
            label("improved", "-2.1463", "7.0537", "2031-06-18T13:17:00Z", 100, true));
    /** Its baseline was measured 110 days after H4's start: inside H4's follow-up window. */
    static final DatasetRecord H5 = record(
            HBA1C,
            "rec-h5",
            103,
            Split.HELD_OUT,
            "2031-07-18T07:00:00Z",
            "70-79",
            null,
            SULFONYLUREAS,
            List.of(),
            m("hba1c", "7.3311", "%", "2031-06-28T07:00:00Z", -20),
            Map.of(),
            label("improved", "-0.7129", "6.6182", "2031-11-01T11:11:00Z", 106, false));
    /** Shares H1's BMI measurement. */
    static final DatasetRecord S1 = record(
            LDL,
            "rec-s1",
            101,
            Split.TRAIN,
            "2030-02-01T08:00:00Z",
            "50-59",
            "female",
            STATINS,
            List.of(),
            m("ldl-cholesterol", "131", "mg/dL", "2030-01-10T09:30:00Z", -22),
            inputs(
                    m("bmi", "31.20", "kg/m2", "2030-01-10T09:30:00Z", -22),
                    m("total-cholesterol", "210", "mg/dL", "2030-01-10T09:30:00Z", -22)),
            label("improved", "-41", "90", "2030-05-01T08:00:00Z", 89, false));

    static final DatasetRecord S2 = record(
            LDL,
            "rec-s2",
            104,
            Split.HELD_OUT,
            "2031-04-01T08:00:00Z",
            "40-49",
            "male",
            STATINS,
            List.of(),
            m("ldl-cholesterol", "162.5", "mg/dL", "2031-03-20T08:00:00Z", -12),
            Map.of("total-cholesterol", m("total-cholesterol", "240", "mg/dL", "2031-03-20T08:00:00Z", -12)),
            label("improved", "-58.8765", "103.6235", "2031-08-08T16:45:00Z", 129, false));

    static final List<DatasetRecord> RECORDS = List.of(H1, H3, H2, H4, H5, S1, S2);

    static final ScoreSummary NO_CHANGE =
            new ScoreSummary(HBA1C, "tuning", "no-change", true, Map.of("mae", 0.6, "brier", 0.123456789), 1, 0);
    /** The no-change baseline on held_out: its MAE is the mean absolute held-out change (7.0537 and 2.1463 → 4.6). */
    static final ScoreSummary NO_CHANGE_HELD_OUT =
            new ScoreSummary(HBA1C, "held_out", "no-change", true, Map.of("mae", 4.6, "brier", 0.5), 2, 0);

    private DatasetFixture() {}

    static DatasetContent content() {
        return content(5);
    }

    /** The fixture's content released at another k (the card withholds statistics over fewer than k records). */
    static DatasetContent content(int k) {
        DatasetVersion version = new DatasetVersion(
                "ds-0123456789ab",
                "1.2.0",
                DatasetVersion.BUILDING,
                "job-1",
                List.of(HBA1C, LDL),
                Map.of(HBA1C, "1.0.0", LDL, "1.0.0"),
                "2026.11.3",
                "deid-7",
                "0123456789abcdef0123456789abcdef",
                Instant.parse("2026-11-26T09:00:00Z"),
                "client-a",
                Map.of("antihypertensive-systolic-bp", "fewer than 5 held-out subjects"),
                null,
                null,
                "fam-0123456789abcdef");
        return new DatasetContent(
                version,
                List.of(HBA1C_TASK, LDL_TASK),
                RECORDS,
                Map.of("antihypertensive-systolic-bp", "fewer than 5 held-out subjects"),
                List.of(NO_CHANGE, NO_CHANGE_HELD_OUT),
                k);
    }

    static BenchmarkTask task(
            String id, String target, String unit, List<InputVariable> inputs, List<String> classes, int min, int max) {
        return new BenchmarkTask(
                id,
                "1.0.0",
                "Task " + id,
                "Description of " + id,
                target,
                inputs,
                List.of("ageBand", "sex"),
                classes,
                min,
                max,
                DIRECTIONS,
                unit,
                0.9,
                List.of("mae"),
                new SplitRule(SplitRule.KEYED_SUBJECT_HASH, 1, 0.7, 0.15, 0.15),
                1,
                SAFETY);
    }

    private static DatasetRecord record(
            String task,
            String id,
            long subjectId,
            Split split,
            String prediction,
            String band,
            String sex,
            List<String> classes,
            List<String> co,
            DatasetRecord.Measurement baseline,
            Map<String, DatasetRecord.Measurement> inputs,
            DatasetRecord.Label label) {
        return new DatasetRecord(
                task,
                id,
                "subject-" + subjectId,
                subjectId,
                split,
                Instant.parse(prediction),
                band,
                null,
                sex,
                classes,
                co,
                baseline,
                inputs,
                label);
    }

    private static DatasetRecord.Measurement m(
            String variable, String value, String unit, String time, long dayOffset) {
        return new DatasetRecord.Measurement(variable, new BigDecimal(value), unit, Instant.parse(time), dayOffset);
    }

    private static Map<String, DatasetRecord.Measurement> inputs(DatasetRecord.Measurement... ms) {
        Map<String, DatasetRecord.Measurement> map = new LinkedHashMap<>();
        for (DatasetRecord.Measurement m : ms) {
            map.put(m.variable(), m);
        }
        return map;
    }

    private static DatasetRecord.Label label(
            String direction, String change, String followUp, String time, long days, boolean adverse) {
        return new DatasetRecord.Label(
                direction, new BigDecimal(change), new BigDecimal(followUp), Instant.parse(time), days, adverse);
    }
}
