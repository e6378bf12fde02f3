package org.transitionnet.server.product.benchmark.dataset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.transitionnet.server.product.benchmark.Split;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;

/**
 * Keeps a held-out subject's labels out of their own inputs. A subject's later record can carry an
 * earlier record's follow-up (or any value measured inside its follow-up window) as its baseline or as
 * an input, which would release the held-out label through the back door. So a held-out subject keeps,
 * per task, only the records of their first episode start, and any other record of theirs that releases a
 * measurement of a task's target variable inside a kept record's follow-up window is dropped. Train and
 * tuning records are released with their labels anyway and are not touched.
 */
final class HeldOutFollowUps {

    private HeldOutFollowUps() {}

    /** A kept held-out record's window: measurements of the variable after the start and up to the follow-up are its label. */
    private record Window(String variable, Instant start, Instant followUp) {
        boolean covers(DatasetRecord.Measurement m) {
            return m.variable().equals(variable)
                    && m.time().isAfter(start)
                    && !m.time().isAfter(followUp);
        }
    }

    /** The records to publish, in their given order (the publication sorts them afterwards). */
    static List<DatasetRecord> withoutLeakedLabels(List<DatasetRecord> records, List<BenchmarkTask> tasks) {
        Map<String, String> targets = new HashMap<>();
        tasks.forEach(t -> targets.put(t.id(), t.targetVariable()));
        Map<String, Instant> firstStart = new HashMap<>();
        for (DatasetRecord r : records) {
            if (r.split() == Split.HELD_OUT) {
                firstStart.merge(r.taskId() + "|" + r.subject(), r.predictionTime(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        List<DatasetRecord> first = new ArrayList<>();
        Map<String, List<Window>> windows = new HashMap<>();
        for (DatasetRecord r : records) {
            if (r.split() != Split.HELD_OUT) {
                first.add(r);
            } else if (r.predictionTime().equals(firstStart.get(r.taskId() + "|" + r.subject()))) {
                first.add(r);
                windows.computeIfAbsent(r.subject(), s -> new ArrayList<>())
                        .add(new Window(
                                targets.get(r.taskId()),
                                r.predictionTime(),
                                r.label().followUpTime()));
            }
        }
        List<DatasetRecord> kept = new ArrayList<>();
        for (DatasetRecord r : first) {
            List<Window> subjectWindows = windows.getOrDefault(r.subject(), List.of());
            boolean leaks = subjectWindows.stream()
                    .anyMatch(w -> w.covers(r.baseline())
                            || r.inputs().values().stream().anyMatch(w::covers));
            if (!leaks) {
                kept.add(r);
            }
        }
        return kept;
    }
}
