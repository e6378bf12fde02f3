package org.transitionnet.server.product.benchmark.dataset;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.transitionnet.server.product.benchmark.Split;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;
import org.transitionnet.server.product.benchmark.task.InputVariable;

/**
 * The card's numbers for one task and split. Every split shows its record and subject counts. The
 * held-out split shows nothing else: its baselines' distribution, quartiles or missingness would
 * describe the very records whose labels are withheld, and with few of them give their values away.
 * A train or tuning split of at least k records (the version's k) also shows the baseline's
 * distribution and the missingness of every input, the change's distribution, the follow-up spread
 * in days and the direction and adverse-event frequencies; one of fewer than k records shows counts
 * only, with the reason, because a statistic over so few records is those records. For held_out the
 * labels are not even read: nothing about them can reach the card.
 */
final class SplitStatistics {

    static final String HELD_OUT_LABELS =
            "withheld: held-out labels never leave the server; predictions for them are scored by $evaluate";
    static final String HELD_OUT_COUNTS_ONLY = "held-out split: counts only";

    private SplitStatistics() {}

    /** Why a split of this many records shows no statistic, or null when it shows them. */
    static String withheld(Split split, int records, int k) {
        if (!split.labelsReleased()) {
            return HELD_OUT_COUNTS_ONLY;
        }
        return records < k ? fewerThanK(k) : null;
    }

    static String fewerThanK(int k) {
        return "fewer than k = " + k + " records";
    }

    static ObjectNode of(BenchmarkTask task, Split split, List<DatasetRecord> records, int k) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        Set<Long> subjects = new HashSet<>();
        records.forEach(r -> subjects.add(r.subjectId()));
        node.put("records", records.size());
        node.put("subjects", subjects.size());
        node.put("labelsReleased", split.labelsReleased());
        if (!split.labelsReleased()) {
            node.put("labels", HELD_OUT_LABELS);
        }
        String withheld = withheld(split, records.size(), k);
        if (withheld != null) {
            node.put("statistics", withheld);
            return node;
        }
        node.set(
                "baseline",
                Distribution.of(records.stream().map(r -> r.baseline().value()).toList())
                        .json());
        ObjectNode missing = node.putObject("missingness");
        for (InputVariable input : task.baselineInputs()) {
            missing.set(
                    input.variable(),
                    share(
                            records.stream()
                                    .filter(r -> !r.inputs().containsKey(input.variable()))
                                    .count(),
                            records.size()));
        }
        missing.set("sex", share(records.stream().filter(r -> r.sex() == null).count(), records.size()));
        List<DatasetRecord.Label> labels =
                records.stream().map(DatasetRecord::label).toList();
        node.set(
                "change",
                Distribution.of(labels.stream().map(DatasetRecord.Label::change).toList())
                        .json());
        node.set(
                "followUpDays",
                Distribution.of(labels.stream()
                                .map(DatasetRecord.Label::followUpDayOffset)
                                .toList())
                        .json());
        ObjectNode direction = node.putObject("direction");
        for (String value : task.directionValues()) {
            direction.set(
                    value,
                    share(
                            labels.stream()
                                    .filter(l -> value.equals(l.direction()))
                                    .count(),
                            labels.size()));
        }
        node.set(
                "adverseEvent",
                share(
                        labels.stream()
                                .filter(l -> Boolean.TRUE.equals(l.releasedAdverseEvent()))
                                .count(),
                        labels.size()));
        return node;
    }

    /** A count and its fraction of the split's records (no fraction for an empty split). */
    private static ObjectNode share(long count, int of) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("count", count);
        if (of > 0) {
            node.put("fraction", Distribution.rounded((double) count / of));
        }
        return node;
    }
}
