package org.transitionnet.server.product.benchmark.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.transitionnet.server.product.benchmark.dataset.DatasetFixture.HBA1C;
import static org.transitionnet.server.product.benchmark.dataset.DatasetFixture.LDL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.product.benchmark.Split;

/**
 * The card's numbers against hand-computed values (at k = 1, where no split is too small); held_out shows
 * counts only; no statistic over fewer than k records; nothing in it depends on held-out labels; the
 * safety boundary comes first.
 */
class DatasetCardTest {

    private final ObjectNode card = DatasetCard.json(DatasetFixture.content(1));

    private JsonNode split(String task, String split) {
        for (JsonNode t : card.path("tasks")) {
            if (t.path("id").asText().equals(task)) {
                return t.path("splits").path(split);
            }
        }
        throw new AssertionError("no task " + task);
    }

    @Test
    void identityAndVersions() {
        assertThat(card.path("datasetId").asText()).isEqualTo("ds-0123456789ab");
        assertThat(card.path("semver").asText()).isEqualTo("1.2.0");
        assertThat(card.path("contentHash").asText()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(card.path("createdAt").asText()).isEqualTo("2026-11-26T09:00:00Z");
        assertThat(card.path("taskVersions").path(HBA1C).asText()).isEqualTo("1.0.0");
        assertThat(card.path("catalogueVersion").asText()).isEqualTo("2026.11.3");
        assertThat(card.path("deidVersion").asText()).isEqualTo("deid-7");
        assertThat(card.path("family").asText()).isEqualTo("fam-0123456789abcdef");
        assertThat(DatasetCard.markdown(DatasetFixture.content(1))).contains("fam-0123456789abcdef");
        assertThat(card.path("k").asInt()).isEqualTo(1);
        assertThat(card.path("refusals").path("antihypertensive-systolic-bp").asText())
                .isEqualTo("fewer than 5 held-out subjects");
    }

    @Test
    void trainNumbersAreTheHandComputedOnes() {
        JsonNode train = split(HBA1C, "train");
        assertThat(train.path("records").asInt()).isEqualTo(2);
        assertThat(train.path("subjects").asInt()).isEqualTo(1);
        // Baseline 8.1 and 6.9.
        assertDistribution(train.path("baseline"), 2, "7.5", "0.8485", "7.2", "7.5", "7.8");
        // Change -1.3 and 0.1.
        assertDistribution(train.path("change"), 2, "-0.6", "0.9899", "-0.95", "-0.6", "-0.25");
        // Follow-up after 92 and 150 days.
        assertDistribution(train.path("followUpDays"), 2, "121", "41.0122", "106.5", "121", "135.5");
        assertShare(train.path("missingness").path("bmi"), 1, "0.5");
        assertShare(train.path("missingness").path("egfr"), 2, "1");
        assertShare(train.path("missingness").path("sex"), 0, "0");
        assertShare(train.path("direction").path("improved"), 1, "0.5");
        assertShare(train.path("direction").path("unchanged"), 1, "0.5");
        assertShare(train.path("direction").path("worsened"), 0, "0");
        assertShare(train.path("adverseEvent"), 0, "0");
        JsonNode tuning = split(HBA1C, "tuning");
        assertThat(tuning.path("baseline").path("n").asInt()).isEqualTo(1);
        assertThat(tuning.path("baseline").has("sd")).isFalse();
        assertThat(tuning.path("change").path("median").decimalValue()).isEqualByComparingTo("0.6");
        assertShare(tuning.path("adverseEvent"), 1, "1");
        assertShare(tuning.path("direction").path("worsened"), 1, "1");
        JsonNode empty = split(LDL, "tuning");
        assertThat(empty.path("records").asInt()).isZero();
        assertThat(empty.path("change").path("n").asInt()).isZero();
        assertThat(empty.path("missingness").path("bmi").has("fraction")).isFalse();
    }

    @Test
    void heldOutShowsCountsOnly() {
        for (int k : List.of(1, 5)) {
            ObjectNode at = DatasetCard.json(DatasetFixture.content(k));
            for (JsonNode task : at.path("tasks")) {
                JsonNode heldOut = task.path("splits").path("held_out");
                assertThat(heldOut.path("labelsReleased").asBoolean()).isFalse();
                assertThat(heldOut.path("labels").asText()).contains("withheld");
                assertThat(heldOut.path("statistics").asText()).contains("counts only");
                List<String> fields = new ArrayList<>();
                heldOut.fieldNames().forEachRemaining(fields::add);
                assertThat(fields)
                        .as("held_out of %s at k=%d", task.path("id").asText(), k)
                        .containsExactlyInAnyOrder("records", "subjects", "labelsReleased", "labels", "statistics");
            }
        }
        JsonNode heldOut = split(HBA1C, "held_out");
        assertThat(heldOut.path("records").asInt()).isEqualTo(2);
        assertThat(heldOut.path("subjects").asInt()).isEqualTo(1);
        // The held-out baseline scores are statistics of held-out labels: counts only.
        JsonNode scored = null;
        for (JsonNode b : card.path("baselines")) {
            if (b.path("split").asText().equals("held_out")) {
                scored = b;
            }
        }
        assertThat(scored).isNotNull();
        assertThat(scored.path("predicted").asInt()).isEqualTo(2);
        assertThat(scored.has("metrics")).isFalse();
        assertThat(scored.path("withheld").asText()).contains("counts only");
        String md = DatasetCard.markdown(DatasetFixture.content(1));
        assertThat(md).contains("| held_out | 2 | 1 | withheld (held-out split: counts only) |");
        assertThat(md).doesNotContain("8.2656", "4.6");
    }

    @Test
    void noStatisticOverFewerThanKRecords() {
        // k = 2: the train split of the HbA1c task (2 records) keeps its numbers, its tuning split (1 record) and the
        // LDL train split (1) lose theirs.
        ObjectNode at2 = DatasetCard.json(DatasetFixture.content(2));
        JsonNode train = splitOf(at2, HBA1C, "train");
        assertThat(train.path("baseline").path("n").asInt()).isEqualTo(2);
        assertThat(train.path("change").path("mean").decimalValue()).isEqualByComparingTo("-0.6");
        for (JsonNode small :
                List.of(splitOf(at2, HBA1C, "tuning"), splitOf(at2, LDL, "train"), splitOf(at2, LDL, "tuning"))) {
            assertThat(small.path("records").asInt()).isLessThan(2);
            assertThat(small.path("statistics").asText()).contains("fewer than k = 2 records");
            List<String> fields = new ArrayList<>();
            small.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactlyInAnyOrder("records", "subjects", "labelsReleased", "statistics");
        }
        // The tuning baseline was scored on one record: its metrics are that record's label.
        JsonNode tuningBaseline = at2.path("baselines").get(0);
        assertThat(tuningBaseline.path("split").asText()).isEqualTo("tuning");
        assertThat(tuningBaseline.has("metrics")).isFalse();
        assertThat(tuningBaseline.path("withheld").asText()).contains("fewer than k = 2 records");

        // k = 5: nothing of the fixture's splits is large enough; counts remain.
        ObjectNode at5 = DatasetCard.json(DatasetFixture.content(5));
        JsonNode train5 = splitOf(at5, HBA1C, "train");
        assertThat(train5.path("records").asInt()).isEqualTo(2);
        assertThat(train5.has("baseline")).isFalse();
        assertThat(train5.has("change")).isFalse();
        assertThat(train5.has("direction")).isFalse();
        assertThat(train5.has("missingness")).isFalse();
        String md = DatasetCard.markdown(DatasetFixture.content(5));
        assertThat(md).contains("| train | 2 | 1 | withheld (fewer than k = 5 records) |");
        assertThat(md).doesNotContain("7.5", "-0.6", "0.1235");
    }

    private static JsonNode splitOf(ObjectNode card, String task, String split) {
        for (JsonNode t : card.path("tasks")) {
            if (t.path("id").asText().equals(task)) {
                return t.path("splits").path(split);
            }
        }
        throw new AssertionError("no task " + task);
    }

    @Test
    void nothingInTheCardDependsOnHeldOutLabels() {
        List<DatasetRecord> changed = new ArrayList<>();
        for (DatasetRecord r : DatasetFixture.RECORDS) {
            changed.add(
                    r.split() != Split.HELD_OUT
                            ? r
                            : new DatasetRecord(
                                    r.taskId(),
                                    r.recordId(),
                                    r.subject(),
                                    r.subjectId(),
                                    r.split(),
                                    r.predictionTime(),
                                    r.ageBand(),
                                    r.ageYears(),
                                    r.sex(),
                                    r.actionClasses(),
                                    r.coInterventionClasses(),
                                    r.baseline(),
                                    r.inputs(),
                                    new DatasetRecord.Label(
                                            "worsened",
                                            BigDecimal.TEN,
                                            BigDecimal.ONE,
                                            Instant.parse("2040-01-01T00:00:00Z"),
                                            7,
                                            true)));
        }
        DatasetContent c = DatasetFixture.content(1);
        DatasetContent other = new DatasetContent(c.version(), c.tasks(), changed, c.refusals(), c.baselines(), c.k());
        assertThat(DatasetCard.json(other)).isEqualTo(card);
        assertThat(DatasetCard.markdown(other)).isEqualTo(DatasetCard.markdown(c));
        String all = card.toString() + DatasetCard.markdown(c);
        for (String value : DatasetFixture.HELD_OUT_LABEL_TEXT) {
            assertThat(all).doesNotContain(value);
        }
    }

    @Test
    void safetyBoundaryComesFirstAndWithEveryTask() {
        assertThat(card.path("safetyBoundary")).extracting(JsonNode::asText).containsExactly(DatasetFixture.SAFETY);
        card.path("tasks")
                .forEach(t -> assertThat(t.path("safetyBoundary").asText()).isEqualTo(DatasetFixture.SAFETY));
        String md = DatasetCard.markdown(DatasetFixture.content(1));
        assertThat(md.indexOf("> **" + DatasetFixture.SAFETY + "**"))
                .isPositive()
                .isLessThan(md.indexOf("| Dataset id |"));
        assertThat(md)
                .contains(
                        "## Intended use",
                        "## Known biases",
                        "## Provenance of the released fields",
                        "## Baseline scores");
        assertThat(md)
                .contains(
                        "| train | 2 | 1 | n 2, mean 7.5, sd 0.8485, q1 7.2, median 7.5, q3 7.8 | n 2, mean -0.6, sd 0.9899");
    }

    @Test
    void everyReleasedFieldHasItsProvenance() {
        List<String> fields = new ArrayList<>();
        card.path("provenance").forEach(p -> fields.add(p.path("field").asText()));
        DatasetRecordJson.released(DatasetFixture.H2, true)
                .fieldNames()
                .forEachRemaining(name -> assertThat(fields)
                        .as("provenance of %s", name)
                        .anyMatch(f -> f.equals(name) || f.startsWith(name + ".")));
        DatasetRecordJson.released(DatasetFixture.H2, true)
                .path("label")
                .fieldNames()
                .forEachRemaining(name -> assertThat(fields)
                        .as("provenance of label.%s", name)
                        .anyMatch(f -> f.contains("label." + name)));
        card.path("provenance")
                .forEach(p -> assertThat(p.path("source").asText()).isNotBlank());
        card.path("provenance")
                .forEach(p -> assertThat(p.path("deidentification").asText()).isNotBlank());
    }

    @Test
    void biasesIntendedUseAndBaselines() {
        String biases = card.path("knownBiases").toString();
        assertThat(biases).contains("Synthea", "Source systems", "missing", "follow-up", "k-anonymity");
        assertThat(card.path("intendedUse").asText()).contains("Not for individual care");
        JsonNode baseline = card.path("baselines").get(0);
        assertThat(baseline.path("model").asText()).isEqualTo("no-change");
        assertThat(baseline.path("split").asText()).isEqualTo("tuning");
        assertThat(baseline.path("metrics").path("brier").decimalValue()).isEqualByComparingTo("0.1235");
        assertThat(baseline.path("metrics").path("mae").decimalValue()).isEqualByComparingTo("0.6");
        assertThat(DatasetCard.markdown(DatasetFixture.content(1)))
                .contains("| " + HBA1C + " | tuning | no-change | 1 | 0 | ");
    }

    @Test
    void distributionUsesTypeSevenQuartilesAndSampleSd() {
        Distribution five = Distribution.of(List.of(1, 2, 3, 4, 10));
        assertThat(five.mean()).isEqualTo(4.0);
        assertThat(five.sd()).isCloseTo(Math.sqrt(12.5), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(List.of(five.q1(), five.median(), five.q3())).containsExactly(2.0, 3.0, 4.0);
        Distribution four = Distribution.of(List.of(4, 1, 3, 2));
        assertThat(List.of(four.q1(), four.median(), four.q3())).containsExactly(1.75, 2.5, 3.25);
        assertThat(Distribution.of(List.of()).json().toString()).isEqualTo("{\"n\":0}");
        assertThat(Distribution.of(List.of(3)).json().toString())
                .isEqualTo("{\"n\":1,\"mean\":3,\"q1\":3,\"median\":3,\"q3\":3}");
    }

    private static void assertDistribution(
            JsonNode d, int n, String mean, String sd, String q1, String median, String q3) {
        assertThat(d.path("n").asInt()).isEqualTo(n);
        assertThat(d.path("mean").decimalValue()).isEqualByComparingTo(mean);
        assertThat(d.path("sd").decimalValue()).isEqualByComparingTo(sd);
        assertThat(d.path("q1").decimalValue()).isEqualByComparingTo(q1);
        assertThat(d.path("median").decimalValue()).isEqualByComparingTo(median);
        assertThat(d.path("q3").decimalValue()).isEqualByComparingTo(q3);
    }

    private static void assertShare(JsonNode s, long count, String fraction) {
        assertThat(s.path("count").asLong()).isEqualTo(count);
        assertThat(s.path("fraction").decimalValue()).isEqualByComparingTo(fraction);
    }
}
