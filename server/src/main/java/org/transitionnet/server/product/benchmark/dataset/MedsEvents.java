package org.transitionnet.server.product.benchmark.dataset;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.transitionnet.server.product.benchmark.Split;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;

/**
 * The MEDS events of a version's records, one timeline per subject across all tasks:
 * <ul>
 *   <li>static (no time): {@code SEX//<sex>} when released, {@code AGE_BAND//<band>} (every band the
 *       subject's records carry: the age at each episode start);</li>
 *   <li>{@code STATE//<variable>} for the target's baseline and every baseline input, at its shifted time;</li>
 *   <li>{@code ACTION//<class>} (the episode's most specific class) at the prediction time;</li>
 *   <li>the target's follow-up {@code STATE//<variable>} only for records whose labels are released.</li>
 * </ul>
 * A held-out subject's follow-up is its label, and any later measurement of the target close to it
 * would give the label away: for every held-out record, measurements of its target variable after the
 * prediction time and up to the end of the task's follow-up window (and at the follow-up time itself)
 * are left out, even when another record released them as a baseline.
 */
final class MedsEvents {

    private MedsEvents() {}

    /** Window of one held-out record in which its target's measurements are withheld. */
    private record Embargo(long subjectId, String code, Instant after, Instant until, Instant followUp) {

        boolean hides(MedsEvent e) {
            if (e.subjectId() != subjectId || !e.code().equals(code) || e.time() == null) {
                return false;
            }
            return e.time().equals(followUp)
                    || (e.time().isAfter(after) && !e.time().isAfter(until));
        }
    }

    static List<MedsEvent> of(DatasetContent content) {
        Map<String, BenchmarkTask> tasks =
                content.tasks().stream().collect(Collectors.toMap(BenchmarkTask::id, Function.identity()));
        TreeSet<MedsEvent> events = new TreeSet<>(MedsEvent.ORDER);
        Map<Long, List<Embargo>> embargoes = new HashMap<>();
        for (DatasetRecord r : content.records()) {
            long s = r.subjectId();
            if (r.sex() != null) {
                events.add(new MedsEvent(s, null, MedsEvent.SEX + r.sex(), null));
            }
            if (r.ageBand() != null) {
                events.add(new MedsEvent(s, null, MedsEvent.AGE_BAND + r.ageBand(), null));
            }
            events.add(state(s, r.baseline()));
            r.inputs().values().forEach(m -> events.add(state(s, m)));
            if (!r.actionClasses().isEmpty()) {
                events.add(new MedsEvent(
                        s,
                        r.predictionTime(),
                        MedsEvent.ACTION + r.actionClasses().get(0),
                        null));
            }
            if (r.label() != null && r.split().labelsReleased()) {
                events.add(new MedsEvent(
                        s,
                        r.label().followUpTime(),
                        MedsEvent.STATE + r.baseline().variable(),
                        r.label().followUp()));
            }
            if (r.split() == Split.HELD_OUT) {
                BenchmarkTask task = tasks.get(r.taskId());
                // One day beyond the window: day offsets are whole days, a time late on the last day still belongs to
                // it.
                Instant until = task == null
                        ? r.predictionTime()
                        : r.predictionTime().plus(Duration.ofDays(task.maxFollowUpDays() + 1L));
                embargoes
                        .computeIfAbsent(s, x -> new ArrayList<>())
                        .add(new Embargo(
                                s,
                                MedsEvent.STATE + r.baseline().variable(),
                                r.predictionTime(),
                                until,
                                r.label() == null ? null : r.label().followUpTime()));
            }
        }
        List<MedsEvent> out = new ArrayList<>(events.size());
        for (MedsEvent e : events) {
            if (embargoes.getOrDefault(e.subjectId(), List.of()).stream().noneMatch(x -> x.hides(e))) {
                out.add(e);
            }
        }
        return out;
    }

    private static MedsEvent state(long subjectId, DatasetRecord.Measurement m) {
        return new MedsEvent(subjectId, m.time(), MedsEvent.STATE + m.variable(), m.value());
    }
}
