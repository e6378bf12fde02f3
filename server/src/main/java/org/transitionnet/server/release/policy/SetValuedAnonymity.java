package org.transitionnet.server.release.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * k^m-anonymity over what a release tells about each subject besides demographics: the set of action classes they
 * received, the set of state variables measured around them, and how many records they have. Demographic
 * k-anonymity ({@link KAnonymity}) cannot see these: a subject alone in receiving one drug, or alone with one pair
 * of drugs, is singled out by anyone who knows that of them, however common their age band and sex. Every
 * combination of up to m items some subject holds must be held by at least k subjects.
 *
 * <p>What is done where a combination is rarer, in this order, one global step at a time:
 *
 * <ol>
 *   <li>an action class too few subjects hold is replaced by its parent class for every subject (drug → class →
 *       parent class; the rarest class first), until the catalogue's roots;
 *   <li>a record count too few subjects share, alone or beside another item, is lowered for the subjects holding it
 *       to the next smaller count at least k-1 other subjects are released with, by leaving records out (a count is
 *       visible wherever each record names its subject, so it cannot be relabelled);
 *   <li>otherwise the rarer item of each failing combination is suppressed for the subjects holding it: their
 *       records of that item are not released (an optional item, such as a co-intervention, leaves the record
 *       instead); a count that fails at 1 record suppresses its subjects.
 * </ol>
 *
 * <p>Generalization is global recoding, so a released class means the same for everyone; suppression is local. The
 * plan holds every subject's item sets in memory (a few items per record).
 */
public final class SetValuedAnonymity {

    /** Items naming an action class. */
    public static final String ACTION = "action:";
    /** Items naming a state variable. */
    public static final String VARIABLE = "variable:";
    /** The item naming the subject's released record count. */
    public static final String RECORDS = "records:";

    private static final int MAX_ROUNDS = 100_000;

    private SetValuedAnonymity() {}

    /**
     * One released record as items: those it cannot be released without (its action classes and state variable)
     * and those it can lose (co-interventions). The key names the record among its subject's (the same in every pass
     * over the release); records without one are never left out to even a count.
     */
    public record Line(String key, Set<String> required, Set<String> optional, boolean generalizable) {
        public Line {
            required = Set.copyOf(required);
            optional = Set.copyOf(optional);
        }

        public Line(String key, Set<String> required, Set<String> optional) {
            this(key, required, optional, true);
        }

        public Line(Set<String> required, Set<String> optional) {
            this(null, required, optional, true);
        }

        /** The same record where a generalized required item cannot be rewritten: it is then not released. */
        public Line asIs() {
            return new Line(key, required, optional, false);
        }

        /** A key for a record from its released content (the same content, the same key). */
        public static String keyOf(String content) {
            return java.util
                    .UUID
                    .nameUUIDFromBytes(content.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .toString();
        }
    }

    /**
     * @param subjects each subject's lines (records) with their items
     * @param k        subjects every combination needs
     * @param m        largest combination counted; 0 turns the check off
     * @param parent   an item's parent in the hierarchy, or null where it cannot be generalized
     */
    public static Plan plan(Map<String, List<Line>> subjects, int k, int m, UnaryOperator<String> parent) {
        Plan plan = new Plan(subjects, k, m, parent);
        if (m <= 0 || k <= 1) {
            plan.measure();
            return plan;
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Map<List<String>, Integer> support = plan.supports();
            List<List<String>> failing = new ArrayList<>();
            support.forEach((set, n) -> {
                if (n < k && Plan.minimal(set, support, k)) {
                    failing.add(set);
                }
            });
            if (failing.isEmpty()) {
                break;
            }
            failing.sort(Plan.ORDER);
            if (plan.generalizeOne(failing, support) || plan.lowerCounts(failing, support)) {
                continue;
            }
            plan.suppress(failing, support);
        }
        plan.measure();
        return plan;
    }

    /** What to release: each item's released form, which subjects lost which items, which records even out counts. */
    public static final class Plan {

        static final java.util.Comparator<List<String>> ORDER =
                java.util.Comparator.<List<String>>comparingInt(List::size).thenComparing(Object::toString);

        private final Map<String, List<Line>> subjects;
        private final int k;
        private final int m;
        private final UnaryOperator<String> parent;
        /** Items replaced by their parent for everyone. */
        private final Set<String> raised = new TreeSet<>();

        private final Map<String, Set<String>> suppressedItems = new HashMap<>();
        private final Set<String> suppressedSubjects = new TreeSet<>();
        /** Per subject: keys of records left out to even their count. */
        private final Map<String, Set<String>> truncated = new HashMap<>();

        /** Per subject: the most records released, where a rare pairing of their count lowered it. */
        private final Map<String, Integer> caps = new HashMap<>();

        private Integer smallestSupport;
        private int itemsSuppressed;

        Plan(Map<String, List<Line>> subjects, int k, int m, UnaryOperator<String> parent) {
            this.subjects = new TreeMap<>(subjects);
            this.k = k;
            this.m = m;
            this.parent = parent;
        }

        /** The item as released: raised through every generalized ancestor. */
        public String released(String item) {
            String at = item;
            while (raised.contains(at)) {
                String up = parent.apply(at);
                if (up == null) {
                    break;
                }
                at = up;
            }
            return at;
        }

        /** Whether the whole subject is withheld (their count fails even at 1 record). */
        public boolean subjectSuppressed(String subject) {
            return suppressedSubjects.contains(subject);
        }

        /**
         * Whether a line of the subject is released: the subject is, none of its required items is suppressed, and it is
         * not left out to even the subject's count.
         */
        public boolean released(String subject, Line line) {
            if (line.key() != null && truncated.getOrDefault(subject, Set.of()).contains(line.key())) {
                return false;
            }
            return itemsReleased(subject, line);
        }

        private boolean itemsReleased(String subject, Line line) {
            if (subjectSuppressed(subject)) {
                return false;
            }
            if (!line.generalizable()
                    && line.required().stream().anyMatch(i -> !released(i).equals(i))) {
                return false;
            }
            Set<String> lost = suppressedItems.getOrDefault(subject, Set.of());
            for (String item : line.required()) {
                if (lost.contains(released(item))) {
                    return false;
                }
            }
            return true;
        }

        /** Whether an optional item of a released line stays (its released form is not suppressed for the subject). */
        public boolean optionalReleased(String subject, String item) {
            return !suppressedItems.getOrDefault(subject, Set.of()).contains(released(item));
        }

        public int k() {
            return k;
        }

        public int m() {
            return m;
        }

        /** Items replaced by their parent class for every subject. */
        public SortedSet<String> generalizedItems() {
            return new TreeSet<>(raised);
        }

        /** The action classes released as their parent class for every subject, by id. */
        public List<String> generalizedActionClasses() {
            return raised.stream()
                    .filter(i -> i.startsWith(ACTION))
                    .map(i -> i.substring(ACTION.length()))
                    .toList();
        }

        /** (subject, item) pairs suppressed. */
        public int itemsSuppressed() {
            return itemsSuppressed;
        }

        public int subjectsSuppressed() {
            return suppressedSubjects.size();
        }

        /**
         * The fewest subjects holding one released combination of up to m items (the release's set-valued k); null when
         * nothing is released.
         */
        public Integer smallestSupport() {
            return smallestSupport;
        }

        /**
         * Leaves out, per subject, the records above their lowered count: those whose keyed rank is last (not the latest
         * or earliest, so what remains is not biased in time).
         */
        private void truncate() {
            truncated.clear();
            subjects.forEach((subject, lines) -> {
                List<Line> releasable = new ArrayList<>();
                for (Line line : lines) {
                    if (line.key() != null && itemsReleased(subject, line)) {
                        releasable.add(line);
                    }
                }
                int keep = Math.min(releasable.size(), caps.getOrDefault(subject, Integer.MAX_VALUE));
                if (keep >= releasable.size()) {
                    return;
                }
                releasable.sort(java.util.Comparator.comparingInt((Line l) -> (subject + "\n" + l.key()).hashCode())
                        .thenComparing(Line::key));
                Set<String> out = new HashSet<>();
                releasable.subList(keep, releasable.size()).forEach(l -> out.add(l.key()));
                truncated.put(subject, out);
            });
        }

        /** Records left out to even counts (over all subjects). */
        public int recordsLeftOut() {
            return truncated.values().stream().mapToInt(Set::size).sum();
        }

        /** Each subject's released item set, the released record count included. */
        Map<String, SortedSet<String>> releasedSets() {
            truncate();
            Map<String, SortedSet<String>> sets = new LinkedHashMap<>();
            subjects.forEach((subject, lines) -> {
                if (subjectSuppressed(subject)) {
                    return;
                }
                SortedSet<String> items = new TreeSet<>();
                int count = 0;
                for (Line line : lines) {
                    if (!released(subject, line)) {
                        continue;
                    }
                    count++;
                    line.required().forEach(i -> items.add(released(i)));
                    line.optional().stream()
                            .filter(i -> optionalReleased(subject, i))
                            .forEach(i -> items.add(released(i)));
                }
                if (count > 0) {
                    items.add(RECORDS + count);
                    sets.put(subject, items);
                }
            });
            return sets;
        }

        /** How many subjects hold each combination of up to m released items. */
        Map<List<String>, Integer> supports() {
            Map<List<String>, Integer> support = new HashMap<>();
            for (SortedSet<String> items : releasedSets().values()) {
                combinations(new ArrayList<>(items), Math.max(1, m), c -> support.merge(c, 1, Integer::sum));
            }
            return support;
        }

        private static void combinations(List<String> items, int m, java.util.function.Consumer<List<String>> action) {
            int n = items.size();
            for (int i = 0; i < n; i++) {
                action.accept(List.of(items.get(i)));
                if (m >= 2) {
                    for (int j = i + 1; j < n; j++) {
                        action.accept(List.of(items.get(i), items.get(j)));
                        if (m >= 3) {
                            for (int l = j + 1; l < n; l++) {
                                action.accept(List.of(items.get(i), items.get(j), items.get(l)));
                            }
                        }
                    }
                }
            }
        }

        /**
         * Whether every smaller combination within the set passes: only then is the set itself the reason (a pair of a
         * rare item and a common one is fixed by fixing the rare item).
         */
        static boolean minimal(List<String> set, Map<List<String>, Integer> support, int k) {
            if (set.size() == 1) {
                return true;
            }
            for (int skip = 0; skip < set.size(); skip++) {
                List<String> smaller = new ArrayList<>(set);
                smaller.remove(skip);
                if (support.getOrDefault(smaller, 0) < k) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Raises the rarest generalizable item failing on its own (the most specific among equals) to its parent; false
         * when none can be. A rare combination of common items is not a reason to coarsen the items for everyone.
         */
        boolean generalizeOne(List<List<String>> failing, Map<List<String>, Integer> support) {
            String best = null;
            int bestSupport = Integer.MAX_VALUE;
            int bestDepth = -1;
            for (List<String> set : failing) {
                if (set.size() > 1) {
                    continue;
                }
                for (String item : set) {
                    if (parent.apply(item) == null) {
                        continue;
                    }
                    int n = support.getOrDefault(List.of(item), 0);
                    int depth = depth(item);
                    if (n < bestSupport
                            || (n == bestSupport && depth > bestDepth)
                            || (n == bestSupport && depth == bestDepth && item.compareTo(best) < 0)) {
                        best = item;
                        bestSupport = n;
                        bestDepth = depth;
                    }
                }
            }
            if (best == null) {
                return false;
            }
            raised.add(best);
            return true;
        }

        /** Steps from the item to its root: among equally rare items the most specific is raised first. */
        private int depth(String item) {
            int depth = 0;
            for (String up = parent.apply(item); up != null && depth < 64; up = parent.apply(up)) {
                depth++;
            }
            return depth;
        }

        /**
         * Lowers, for the holders of a failing combination that holds a count (alone or with another item), their count to
         * the next smaller one other subjects are released with (leaving records out). Local, so one rare pairing does not coarsen every
         * subject's count; false when no holder can go lower.
         */
        boolean lowerCounts(List<List<String>> failing, Map<List<String>, Integer> support) {
            Map<String, SortedSet<String>> sets = releasedSets();
            Set<String> touched = new HashSet<>();
            boolean lowered = false;
            for (List<String> set : failing) {
                String count = set.stream()
                        .filter(i -> i.startsWith(RECORDS))
                        .findFirst()
                        .orElse(null);
                if (count == null) {
                    continue;
                }
                int current = Integer.parseInt(count.substring(RECORDS.length()));
                if (current <= 1) {
                    continue;
                }
                int target = commonCountBelow(current, support);
                for (Map.Entry<String, SortedSet<String>> e : sets.entrySet()) {
                    if (e.getValue().containsAll(set) && touched.add(e.getKey())) {
                        caps.put(e.getKey(), target);
                        lowered = true;
                    }
                }
            }
            return lowered;
        }

        /** The largest count below {@code current} that at least k-1 other subjects are released with (else 1). */
        private int commonCountBelow(int current, Map<List<String>, Integer> support) {
            for (int n = current - 1; n > 1; n--) {
                if (support.getOrDefault(List.of(RECORDS + n), 0) >= k - 1) {
                    return n;
                }
            }
            return 1;
        }

        /** Suppresses the rarer non-count item of each failing combination for its holders (a count alone: the subjects). */
        void suppress(List<List<String>> failing, Map<List<String>, Integer> support) {
            Map<String, SortedSet<String>> sets = releasedSets();
            List<List<String>> rarestFirst = new ArrayList<>(failing);
            rarestFirst.sort(java.util.Comparator.<List<String>>comparingInt(set -> support.getOrDefault(set, 0))
                    .thenComparing(ORDER));
            // A subject touched by one suppression is left for the next round: what it lost may already fix their other
            // combinations, and suppressing again at once would take more than needed.
            Set<String> touched = new HashSet<>();
            for (List<String> set : rarestFirst) {
                List<String> holders = sets.entrySet().stream()
                        .filter(e -> e.getValue().containsAll(set))
                        .map(Map.Entry::getKey)
                        .toList();
                if (holders.stream().anyMatch(touched::contains)) {
                    continue;
                }
                String victim = set.stream()
                        .filter(i -> !i.startsWith(RECORDS))
                        .min(java.util.Comparator.<String>comparingInt(i -> support.getOrDefault(List.of(i), 0))
                                .thenComparing(i -> i))
                        .orElse(null);
                for (String holder : holders) {
                    touched.add(holder);
                    if (victim == null) {
                        suppressedSubjects.add(holder);
                    } else if (suppressedItems
                            .computeIfAbsent(holder, s -> new HashSet<>())
                            .add(victim)) {
                        itemsSuppressed++;
                    }
                }
            }
        }

        void measure() {
            Collection<Integer> counts = supports().values();
            smallestSupport = counts.stream().min(Integer::compare).orElse(null);
        }
    }
}
