package org.transitionnet.server.release.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.transitionnet.server.release.deid.Generalizer;

/**
 * k-anonymity over everything one export releases about a subject ({@link SubjectQuasi}: the research
 * records' age bands, the sex and every field of the released Patient), counted in distinct subjects.
 * A subject whose group is smaller than k is generalized one step at a time along one ladder that acts
 * on all outputs at once, and suppressed from every output when even the coarsest step leaves fewer
 * than k subjects:
 * <ol start="0">
 *   <li>everything as de-identified;</li>
 *   <li>no birth year (bundles lose {@code Patient.birthDate});</li>
 *   <li>of the Patient only gender, ZIP3, state and country remain (marital status, language, multiple
 *       birth, deceased and whatever else the rules kept are dropped);</li>
 *   <li>20-year age bands instead of 10-year bands;</li>
 *   <li>no ZIP3;</li>
 *   <li>no age band.</li>
 * </ol>
 * The plan holds one subject count per group and level, never per subject: it reads the subjects once
 * per level from a source that can be read again, so memory grows with the number of groups.
 */
public final class KAnonymity {

    /** Steps of the ladder; a level is decided by the first step whose group reaches k. */
    public static final int LEVELS = 6;
    /** Patient fields kept through level 2 and later. */
    private static final Set<String> CORE_PATIENT_FIELDS =
            Set.of("gender", "address.postalCode", "address.state", "address.country");

    private KAnonymity() {}

    /** The age band released at a level: 10-year bands, 20-year bands from level 3, "any" from level 5; "unknown" for null or negative. */
    public static String band(int level, Integer age) {
        if (age == null || age < 0) {
            return "unknown";
        }
        if (level >= 5) {
            return "any";
        }
        return Generalizer.ageBand(age, level >= 3 ? 20 : 10);
    }

    /** Whether a released Patient field (by its path) is still released at a level. */
    public static boolean releasedAt(int level, String path) {
        if (path.equals("birthDate")) {
            return level < 1;
        }
        if (!CORE_PATIENT_FIELDS.contains(path)) {
            return level < 2;
        }
        if (path.equals("address.postalCode")) {
            return level < 4;
        }
        return true;
    }

    /** Every subject's summary, each subject once; may be read several times. */
    @FunctionalInterface
    public interface SubjectSource {
        void forEachSubject(Consumer<SubjectQuasi> action);
    }

    /**
     * Plans the ladder: at each level, the subjects not decided at a finer level are counted per group,
     * and those in groups of at least k are decided there.
     */
    public static Plan plan(SubjectSource source, int k) {
        List<Map<String, Integer>> counts = new ArrayList<>();
        for (int level = 0; level < LEVELS; level++) {
            int l = level;
            Map<String, Integer> subjects = new HashMap<>();
            boolean[] pending = {false};
            source.forEachSubject(s -> {
                if (decidedLevel(counts, s, k) >= 0) {
                    return;
                }
                pending[0] = true;
                subjects.merge(s.groupAt(l), 1, Integer::sum);
            });
            if (!pending[0]) {
                break;
            }
            counts.add(subjects);
        }
        return new Plan(counts, k);
    }

    /** Plans from summaries in memory; for small inputs and tests. */
    public static Plan plan(List<SubjectQuasi> subjects, int k) {
        return plan(action -> subjects.forEach(action), k);
    }

    private static int decidedLevel(List<Map<String, Integer>> counts, SubjectQuasi s, int k) {
        for (int l = 0; l < counts.size(); l++) {
            if (counts.get(l).getOrDefault(s.groupAt(l), 0) >= k) {
                return l;
            }
        }
        return -1;
    }

    /** The planned group counts; decides each subject's level. */
    public static final class Plan {
        private final List<Map<String, Integer>> counts;
        private final int k;
        private final Set<String> excluded;

        Plan(List<Map<String, Integer>> counts, int k) {
            this(counts, k, Set.of());
        }

        private Plan(List<Map<String, Integer>> counts, int k, Set<String> excluded) {
            this.counts = counts;
            this.k = k;
            this.excluded = excluded;
        }

        /** The same plan with these subjects left out of every output (another check suppressed them). */
        public Plan excluding(Set<String> subjects) {
            return new Plan(counts, k, Set.copyOf(subjects));
        }

        /** The level the subject is released at (0 unchanged), or -1 when they are suppressed from every output. */
        public int level(SubjectQuasi subject) {
            return excluded.contains(subject.subject()) ? -1 : decidedLevel(counts, subject, k);
        }

        /** How many subjects share the subject's released group (at its level); 0 when suppressed. */
        public int groupSize(SubjectQuasi subject) {
            int l = level(subject);
            return l < 0 ? 0 : counts.get(l).get(subject.groupAt(l));
        }

        public int k() {
            return k;
        }

        /** Group counts the plan holds, over all levels. */
        int heldGroups() {
            return counts.stream().mapToInt(Map::size).sum();
        }
    }
}
