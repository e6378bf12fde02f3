package org.transitionnet.server.product.benchmark.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.product.benchmark.Split;
import org.transitionnet.server.product.benchmark.dataset.DatasetRecord;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;
import org.transitionnet.server.product.benchmark.task.InputVariable;
import org.transitionnet.server.product.benchmark.task.SplitRule;

/** The shipped baselines on small train sets whose fits can be checked by hand. */
class BaselinesTest {

    private static final Offset<Double> CLOSE = Offset.offset(1e-9);
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    /** HbA1c: lower is better, a change below 0.5 in size is no change. */
    private static final ChangeRule HBA1C = new ChangeRule(0.5, true);

    private static final BenchmarkTask TASK = new BenchmarkTask(
            "t",
            "1.0.0",
            "T",
            "D",
            "hba1c",
            List.of(new InputVariable("bmi", 365), new InputVariable("egfr", 365)),
            List.of("ageBand", "sex"),
            List.of("glucose-lowering"),
            60,
            200,
            Metrics.DIRECTIONS,
            "%",
            0.9,
            Metrics.ALL,
            new SplitRule(SplitRule.KEYED_SUBJECT_HASH, 1, 0.7, 0.15, 0.15),
            5,
            "boundary");

    static DatasetRecord record(
            String id, List<String> classes, double baseline, String band, String sex, Map<String, Double> inputs) {
        Map<String, DatasetRecord.Measurement> measured = new LinkedHashMap<>();
        inputs.forEach(
                (v, x) -> measured.put(v, new DatasetRecord.Measurement(v, BigDecimal.valueOf(x), "u", T0, -10)));
        return new DatasetRecord(
                "t",
                id,
                null,
                1,
                Split.TRAIN,
                T0,
                band,
                null,
                sex,
                classes,
                List.of(),
                new DatasetRecord.Measurement("hba1c", BigDecimal.valueOf(baseline), "%", T0, -5),
                measured,
                null);
    }

    static TrainingRecord train(DatasetRecord r, double change, boolean adverse) {
        String direction = Metrics.DIRECTIONS.get(HBA1C.direction(change));
        return new TrainingRecord(r, new Observed(r.recordId(), direction, change, adverse));
    }

    @Test
    void changeRuleFollowsTheCatalogue() {
        assertThat(HBA1C.direction(-0.5)).isZero();
        assertThat(HBA1C.direction(-0.49)).isEqualTo(1);
        assertThat(HBA1C.direction(0.49)).isEqualTo(1);
        assertThat(HBA1C.direction(0.5)).isEqualTo(2);
        ChangeRule increase = new ChangeRule(5, false);
        assertThat(increase.direction(6)).isZero();
        assertThat(increase.direction(-6)).isEqualTo(2);
    }

    @Test
    void centralIntervalIsType7() {
        // Type 7 over 1..5: the p-quantile sits at position 1 + 4p.
        double[] interval = ChangeRule.centralInterval(new double[] {5, 1, 3, 2, 4}, 0.5);
        assertThat(interval[0]).isCloseTo(2.0, CLOSE);
        assertThat(interval[1]).isCloseTo(4.0, CLOSE);
        double[] ninety = ChangeRule.centralInterval(new double[] {1, 2, 3, 4, 5}, 0.9);
        assertThat(ninety[0]).isCloseTo(1.2, CLOSE);
        assertThat(ninety[1]).isCloseTo(4.8, CLOSE);
    }

    @Test
    void noChangePredictsTheTrainAdverseRate() {
        List<TrainingRecord> train = List.of(
                train(record("a", List.of("x"), 7, "50-59", "male", Map.of()), -1, true),
                train(record("b", List.of("x"), 7, "50-59", "male", Map.of()), 0, false),
                train(record("c", List.of("x"), 7, "50-59", "male", Map.of()), 1, false),
                train(record("d", List.of("x"), 7, "50-59", "male", Map.of()), 1, false));
        Prediction p = new NoChangeBaseline(train).predict(train.get(0).record());
        assertThat(p).isEqualTo(new Prediction(0, 1, 0, 0, 0, 0, 0.25));
        assertThat(new NoChangeBaseline(List.of())
                        .predict(train.get(0).record())
                        .adverseEvent())
                .isEqualTo(0.5);
    }

    @Test
    void classMeanTakesTheMostSpecificClassWithEnoughRecords() {
        List<TrainingRecord> train = new ArrayList<>();
        // Five metformin records: changes −2, −1, −1, 0, 0.2 (improved ×3, unchanged ×2), two with an adverse event.
        double[] metformin = {-2, -1, -1, 0, 0.2};
        for (int i = 0; i < metformin.length; i++) {
            train.add(train(
                    record(
                            "m" + i,
                            List.of("metformin", "biguanides", "glucose-lowering"),
                            8,
                            "50-59",
                            "female",
                            Map.of()),
                    metformin[i],
                    i < 2));
        }
        // Three insulin records (too few for their own class): changes 1, 1, 1, worsened, no event.
        for (int i = 0; i < 3; i++) {
            train.add(train(
                    record(
                            "i" + i,
                            List.of("insulin-lispro", "insulins", "glucose-lowering"),
                            8,
                            "50-59",
                            "female",
                            Map.of()),
                    1,
                    false));
        }
        ClassMeanBaseline model = ClassMeanBaseline.fit(train, 0.5);

        Prediction m = model.predict(
                record("new-m", List.of("metformin", "biguanides", "glucose-lowering"), 8, "60-69", "male", Map.of()));
        assertThat(m.change()).isCloseTo(-3.8 / 5, CLOSE);
        assertThat(m.improved()).isCloseTo(0.6, CLOSE);
        assertThat(m.unchanged()).isCloseTo(0.4, CLOSE);
        assertThat(m.worsened()).isCloseTo(0.0, CLOSE);
        assertThat(m.adverseEvent()).isCloseTo(0.4, CLOSE);
        // Sorted −2, −1, −1, 0, 0.2: 25th percentile at position 2 (−1), 75th at position 4 (0).
        assertThat(m.low()).isCloseTo(-1.0, CLOSE);
        assertThat(m.high()).isCloseTo(0.0, CLOSE);

        // Insulin falls back to its nearest class with five records: glucose-lowering (all eight).
        Prediction i = model.predict(record(
                "new-i", List.of("insulin-lispro", "insulins", "glucose-lowering"), 8, "60-69", "male", Map.of()));
        assertThat(i.change()).isCloseTo(-0.8 / 8, CLOSE);
        assertThat(i.worsened()).isCloseTo(3.0 / 8, CLOSE);
        assertThat(i.adverseEvent()).isCloseTo(2.0 / 8, CLOSE);
        // A class never seen: all of train.
        assertThat(model.predict(record("new-x", List.of("sglt2-inhibitors"), 8, "60-69", "male", Map.of()))
                        .change())
                .isCloseTo(-0.1, CLOSE);
        assertThat(model.description()).contains("8 records");
    }

    @Test
    void regressionRecoversALinearRuleAndLeavesOutConstantAndCollinearColumns() {
        List<TrainingRecord> train = new ArrayList<>();
        double[] baselines = {6, 7, 8, 9, 10, 11, 7.5, 8.5};
        for (int i = 0; i < baselines.length; i++) {
            double b = baselines[i];
            // eGFR is 10 × baseline (collinear); BMI is never measured (constant); all in one band, all female.
            double change = 3 - 0.5 * b;
            train.add(train(
                    record(
                            "r" + i,
                            List.of("metformin", "glucose-lowering"),
                            b,
                            "50-59",
                            "female",
                            Map.of("egfr", 10 * b)),
                    change,
                    i % 2 == 0));
        }
        ClassMeanBaseline classMean = ClassMeanBaseline.fit(train, 0.9);
        RegressionBaseline model = RegressionBaseline.fit(train, TASK, HBA1C, classMean);
        assertThat(model.description())
                .contains("[baseline]")
                .contains("egfr")
                .contains("bmi")
                .contains("age-band-midpoint")
                .contains("constant");

        Prediction p = model.predict(
                record("new", List.of("metformin", "glucose-lowering"), 12, "50-59", "female", Map.of("egfr", 120.0)));
        assertThat(p.change()).isCloseTo(3 - 0.5 * 12, Offset.offset(1e-6));
        // Exact fit: residuals 0, so the interval is the point and the direction certain (−3 is improved).
        assertThat(p.low()).isCloseTo(p.change(), Offset.offset(1e-6));
        assertThat(p.high()).isCloseTo(p.change(), Offset.offset(1e-6));
        assertThat(p.improved()).isCloseTo(1.0, CLOSE);
        assertThat(p.adverseEvent())
                .isCloseTo(classMean.predict(train.get(0).record()).adverseEvent(), CLOSE);
    }

    @Test
    void regressionDirectionsComeFromResidualsAroundThePrediction() {
        List<TrainingRecord> train = new ArrayList<>();
        // Change = baseline − 8 plus residuals ±0.4 alternating: for baseline 8 the prediction is 0 and
        // predicted + residual is ±0.4 (both unchanged); at baseline 8.5 it is 0.1 and 0.9 (unchanged, worsened).
        double[] baselines = {6, 7, 8, 9, 10, 6, 7, 8, 9, 10};
        for (int i = 0; i < baselines.length; i++) {
            double residual = i < 5 ? 0.4 : -0.4;
            train.add(train(
                    record("r" + i, List.of("metformin"), baselines[i], "50-59", "female", Map.of()),
                    baselines[i] - 8 + residual,
                    false));
        }
        RegressionBaseline model = RegressionBaseline.fit(train, TASK, HBA1C, ClassMeanBaseline.fit(train, 0.9));
        Prediction at8 = model.predict(record("a", List.of("metformin"), 8, "50-59", "female", Map.of()));
        assertThat(at8.change()).isCloseTo(0, Offset.offset(1e-9));
        assertThat(at8.unchanged()).isCloseTo(1.0, CLOSE);
        Prediction at85 = model.predict(record("b", List.of("metformin"), 8.5, "50-59", "female", Map.of()));
        assertThat(at85.change()).isCloseTo(0.5, Offset.offset(1e-9));
        assertThat(at85.unchanged()).isCloseTo(0.5, CLOSE);
        assertThat(at85.worsened()).isCloseTo(0.5, CLOSE);
        // Residuals ±0.4, five each: the 90 % interval spans −0.4 … 0.4 around the prediction.
        assertThat(at85.low()).isCloseTo(0.1, Offset.offset(1e-9));
        assertThat(at85.high()).isCloseTo(0.9, Offset.offset(1e-9));
    }

    @Test
    void regressionFallsBackToTheClassMeanWhenNothingCanBeFitted() {
        List<TrainingRecord> train = List.of(
                train(record("a", List.of("metformin"), 7, "50-59", "female", Map.of()), -1, false),
                train(record("b", List.of("metformin"), 8, "50-59", "female", Map.of()), 0, true));
        ClassMeanBaseline classMean = ClassMeanBaseline.fit(train, 0.9);
        RegressionBaseline model = RegressionBaseline.fit(train, TASK, HBA1C, classMean);
        assertThat(model.description()).contains("predicts what " + ClassMeanBaseline.NAME + " does");
        DatasetRecord r = record("c", List.of("metformin"), 9, "50-59", "female", Map.of());
        assertThat(model.predict(r)).isEqualTo(classMean.predict(r));
    }

    @Test
    void ageBandsBecomeMidpoints() {
        assertThat(RegressionFeatures.ageMidpoint("50-59")).isEqualTo(54.5);
        assertThat(RegressionFeatures.ageMidpoint("40-59")).isEqualTo(49.5);
        assertThat(RegressionFeatures.ageMidpoint("90+")).isEqualTo(92.5);
        assertThat(RegressionFeatures.ageMidpoint("any")).isNull();
        assertThat(RegressionFeatures.ageMidpoint(null)).isNull();
    }
}
