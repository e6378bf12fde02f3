package org.transitionnet.server.product.benchmark.dataset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.transitionnet.server.product.benchmark.Split;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;
import org.transitionnet.server.release.policy.KAnonymity;
import org.transitionnet.server.release.policy.LDiversity;
import org.transitionnet.server.release.policy.SetValuedAnonymity;
import org.transitionnet.server.release.policy.SetValuedPolicy;
import org.transitionnet.server.release.policy.SubjectQuasi;
import org.transitionnet.server.release.policy.SubjectReleasePlan;

/**
 * Decides what a build publishes: k-anonymity over the quasi-identifiers released about each subject
 * across all tasks of the build (the sex and the age bands of all their records, counted in distinct
 * subjects) with the research export's ladder — 10-year bands, then 20-year bands, then no band, and
 * otherwise the subject is suppressed from every task — and then which tasks are refused because too
 * few subjects remain (no record, fewer than k subjects, fewer held-out subjects than the task
 * needs, or fewer held-out records than the build needs: {@code min-held-out-records}). A refused task's records are not released, which changes what is released about its
 * subjects, so the plan is made again over the remaining tasks until no further task is refused.
 * Before all this, held-out records that would reveal another held-out record's label are left out
 * ({@link HeldOutFollowUps}). Last, l-diversity of the released adverse-event label within the same
 * classes ({@link LDiversity}): where every subject of a class with released labels has the same outcome,
 * the adverse event of their released labels is suppressed. Between the two, k^m over each subject's action classes,
 * state variables and record count across all tasks ({@link SetValuedAnonymity}): rare classes are released as their
 * parent class, and what stays rare loses its records (or, for co-interventions and inputs, leaves the record).
 */
public final class DatasetPublication {

    /** Records in the order every file, hash and table of a version uses: task, subject id, prediction time, record id. */
    public static final Comparator<DatasetRecord> CANONICAL = Comparator.comparing(DatasetRecord::taskId)
            .thenComparingLong(DatasetRecord::subjectId)
            .thenComparing(DatasetRecord::predictionTime)
            .thenComparing(DatasetRecord::recordId);

    private DatasetPublication() {}

    /**
     * @param tasks     published tasks, in catalogue order
     * @param records   their released records (generalized), in canonical order
     * @param refusals  refused tasks with the reason, in request order
     */
    public record Result(
            List<BenchmarkTask> tasks,
            List<DatasetRecord> records,
            Map<String, String> refusals,
            int subjects,
            int subjectsSuppressed,
            int recordsGeneralized,
            int recordsSuppressed,
            LDiversity.Plan adverseEventDiversity,
            SetValuedAnonymity.Plan setValued) {}

    /** Without a minimum of held-out records (beyond the subjects), and without l-diversity (l = 1). */
    public static Result publish(
            List<DatasetRecord> all, List<BenchmarkTask> requested, int k, Integer minHeldOutSubjects) {
        return publish(all, requested, k, minHeldOutSubjects, t -> 0, 1, SetValuedPolicy.OFF);
    }

    /** Without l-diversity (l = 1). */
    public static Result publish(
            List<DatasetRecord> all,
            List<BenchmarkTask> requested,
            int k,
            Integer minHeldOutSubjects,
            java.util.function.ToIntFunction<BenchmarkTask> minHeldOutRecords) {
        return publish(all, requested, k, minHeldOutSubjects, minHeldOutRecords, 1, SetValuedPolicy.OFF);
    }

    /**
     * @param minHeldOutSubjects held-out subjects every task needs; null: each task's own {@code minHeldOutSubjects}
     * @param minHeldOutRecords  held-out records each task needs
     */
    public static Result publish(
            List<DatasetRecord> all,
            List<BenchmarkTask> requested,
            int k,
            Integer minHeldOutSubjects,
            java.util.function.ToIntFunction<BenchmarkTask> minHeldOutRecords,
            int l,
            SetValuedPolicy setValued) {
        List<DatasetRecord> staged = HeldOutFollowUps.withoutLeakedLabels(all, requested);
        Map<String, String> refusals = new LinkedHashMap<>();
        List<BenchmarkTask> active = new ArrayList<>();
        Set<String> withRecords = new HashSet<>();
        staged.forEach(r -> withRecords.add(r.taskId()));
        for (BenchmarkTask task : requested) {
            if (withRecords.contains(task.id())) {
                active.add(task);
            } else {
                refusals.put(
                        task.id(),
                        "no stored transition qualifies (target " + task.targetVariable() + ", action classes "
                                + task.actionClasses() + ", follow-up " + task.minFollowUpDays() + "-"
                                + task.maxFollowUpDays()
                                + " days after the episode start) among patients whose consent allows research use");
            }
        }
        while (true) {
            Set<String> ids = new HashSet<>();
            active.forEach(t -> ids.add(t.id()));
            List<DatasetRecord> candidates =
                    staged.stream().filter(r -> ids.contains(r.taskId())).toList();
            Map<String, SubjectQuasi> quasi = quasiIdentifiers(candidates);
            // One plan over the demographics and the set-valued items of each subject's records, across all tasks.
            SubjectReleasePlan release = SubjectReleasePlan.plan(quasi, agedLines(candidates), k, setValued);
            SetValuedAnonymity.Plan items = release.items();
            List<DatasetRecord> released = new ArrayList<>();
            int generalized = 0;
            for (DatasetRecord r : candidates) {
                int level = release.level(r.subject());
                if (level < 0 || !items.released(r.subject(), line(r))) {
                    continue;
                }
                String band = KAnonymity.band(level, r.ageYears());
                if (!band.equals(KAnonymity.band(0, r.ageYears()))) {
                    generalized++;
                }
                released.add(generalized(r.generalized(band, r.sex()), items));
            }
            List<BenchmarkTask> refused = new ArrayList<>();
            for (BenchmarkTask task : active) {
                String reason = refusal(
                        task,
                        released,
                        k,
                        minHeldOutSubjects == null ? task.minHeldOutSubjects() : minHeldOutSubjects,
                        minHeldOutRecords.applyAsInt(task));
                if (reason != null) {
                    refusals.put(task.id(), reason);
                    refused.add(task);
                }
            }
            if (refused.isEmpty()) {
                LDiversity.Plan diversity =
                        LDiversity.plan(release.subjects(), release.demographics(), outcomes(released)::get, l);
                released = released.stream()
                        .map(r -> r.split().labelsReleased() && !diversity.released(release.quasi(r.subject()))
                                ? r.withAdverseEventSuppressed()
                                : r)
                        .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
                released.sort(CANONICAL);
                int suppressed = (int) quasi.keySet().stream()
                        .filter(s -> release.level(s) < 0)
                        .count();
                return new Result(
                        List.copyOf(active),
                        released,
                        refusals,
                        quasi.size(),
                        suppressed,
                        generalized,
                        candidates.size() - released.size(),
                        diversity,
                        items);
            }
            active.removeAll(refused);
        }
    }

    /** Each subject's records as set-valued items, with the age at each (-1: unknown). */
    private static Map<String, List<SubjectReleasePlan.AgedLine>> agedLines(List<DatasetRecord> records) {
        Map<String, List<SubjectReleasePlan.AgedLine>> lines = new LinkedHashMap<>();
        records.forEach(r -> lines.computeIfAbsent(r.subject(), s -> new ArrayList<>())
                .add(new SubjectReleasePlan.AgedLine(line(r), r.ageYears() == null ? -1 : r.ageYears())));
        return lines;
    }

    /**
     * Required: the episode's most specific class and the task's target variable; optional: the co-interventions and
     * the other baseline inputs (a record can lose them).
     */
    static SetValuedAnonymity.Line line(DatasetRecord r) {
        Set<String> required = new HashSet<>();
        if (!r.actionClasses().isEmpty()) {
            required.add(SetValuedPolicy.action(r.actionClasses().get(0)));
        }
        if (r.baseline() != null) {
            required.add(SetValuedPolicy.variable(r.baseline().variable()));
        }
        Set<String> optional = new HashSet<>();
        r.coInterventionClasses().forEach(c -> optional.add(SetValuedPolicy.action(c)));
        r.inputs().keySet().forEach(v -> optional.add(SetValuedPolicy.variable(v)));
        return new SetValuedAnonymity.Line(r.taskId() + "/" + r.recordId(), required, optional);
    }

    /**
     * The record as the plan releases it: its class list starting at the released ancestor, co-interventions
     * generalized or dropped, inputs the subject lost dropped.
     */
    private static DatasetRecord generalized(DatasetRecord r, SetValuedAnonymity.Plan items) {
        List<String> classes = r.actionClasses();
        if (!classes.isEmpty()) {
            String released = SetValuedPolicy.actionClass(items.released(SetValuedPolicy.action(classes.get(0))));
            int at = classes.indexOf(released);
            classes = at < 0 ? List.of(released) : classes.subList(at, classes.size());
        }
        List<String> co = r.coInterventionClasses().stream()
                .map(SetValuedPolicy::action)
                .filter(i -> items.optionalReleased(r.subject(), i))
                .map(i -> SetValuedPolicy.actionClass(items.released(i)))
                .distinct()
                .toList();
        Map<String, DatasetRecord.Measurement> inputs = new LinkedHashMap<>();
        r.inputs().forEach((v, m) -> {
            if (items.optionalReleased(r.subject(), SetValuedPolicy.variable(v))) {
                inputs.put(v, m);
            }
        });
        if (classes.equals(r.actionClasses())
                && co.equals(r.coInterventionClasses())
                && inputs.size() == r.inputs().size()) {
            return r;
        }
        return r.withItems(List.copyOf(classes), co, inputs);
    }

    /** Each subject's released outcome: whether any of their released labels has an adverse event ("yes", "no"). */
    private static Map<String, String> outcomes(List<DatasetRecord> released) {
        Map<String, String> outcome = new HashMap<>();
        for (DatasetRecord r : released) {
            if (r.split().labelsReleased() && r.label() != null) {
                outcome.merge(
                        r.subject(),
                        r.label().adverseEvent() ? "yes" : "no",
                        (a, b) -> "yes".equals(a) || "yes".equals(b) ? "yes" : "no");
            }
        }
        return outcome;
    }

    /** Everything released about each subject across the candidate records: the sex and the ages (-1: unknown). */
    private static Map<String, SubjectQuasi> quasiIdentifiers(List<DatasetRecord> records) {
        Map<String, String> sexes = new HashMap<>();
        Map<String, TreeSet<Integer>> ages = new HashMap<>();
        for (DatasetRecord r : records) {
            sexes.put(r.subject(), r.sex());
            ages.computeIfAbsent(r.subject(), s -> new TreeSet<>()).add(r.ageYears() == null ? -1 : r.ageYears());
        }
        Map<String, SubjectQuasi> out = new LinkedHashMap<>();
        ages.keySet().stream().sorted().forEach(s -> out.put(s, new SubjectQuasi(s, sexes.get(s), ages.get(s), null)));
        return out;
    }

    private static String refusal(
            BenchmarkTask task, List<DatasetRecord> released, int k, int minHeldOut, int minHeldOutRecords) {
        Set<String> subjects = new HashSet<>();
        Set<String> heldOut = new HashSet<>();
        int heldOutRecords = 0;
        for (DatasetRecord r : released) {
            if (r.taskId().equals(task.id())) {
                subjects.add(r.subject());
                if (r.split() == Split.HELD_OUT) {
                    heldOut.add(r.subject());
                    heldOutRecords++;
                }
            }
        }
        if (subjects.isEmpty()) {
            return "every subject with a record was suppressed by k-anonymity (k=" + k + ")";
        }
        if (subjects.size() < k) {
            return "only " + subjects.size() + " subjects remain after k-anonymity, fewer than k=" + k;
        }
        if (heldOut.size() < minHeldOut) {
            return "population too small: " + heldOut.size() + " held-out subjects after k-anonymity (k=" + k
                    + "), fewer than the " + minHeldOut + " the task needs (minHeldOutSubjects)";
        }
        if (heldOutRecords < minHeldOutRecords) {
            return "too few held-out records: " + heldOutRecords + " after k-anonymity (k=" + k + "), fewer than the "
                    + minHeldOutRecords
                    + " a benchmark task needs (transitionnet.benchmark.min-held-out-records), so held-out scores could reveal single labels";
        }
        return null;
    }
}
