package org.transitionnet.server.release.policy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Distinct l-diversity of a sensitive outcome (whether a subject has a released adverse event) within
 * each release class: the subjects sharing a group of the {@link KAnonymity} plan at their level. A
 * class where every subject has the same outcome tells it for each of them, however many they are; its
 * outcome field is suppressed for all of its subjects. The plan holds one set of outcomes per class,
 * never per subject.
 */
public final class LDiversity {

    private LDiversity() {}

    /**
     * @param outcomeOf a subject's released outcome, or null when the release carries none for them (they do not
     *                  count in their class)
     */
    public static Plan plan(
            KAnonymity.SubjectSource subjects, KAnonymity.Plan k, Function<String, String> outcomeOf, int l) {
        Map<String, Set<String>> outcomes = new HashMap<>();
        Map<String, Integer> sizes = new HashMap<>();
        subjects.forEachSubject(s -> {
            String key = classOf(k, s);
            String outcome = key == null ? null : outcomeOf.apply(s.subject());
            if (outcome != null) {
                outcomes.computeIfAbsent(key, c -> new HashSet<>()).add(outcome);
                sizes.merge(key, 1, Integer::sum);
            }
        });
        return new Plan(k, outcomes, sizes, l);
    }

    private static String classOf(KAnonymity.Plan k, SubjectQuasi s) {
        int level = k.level(s);
        return level < 0 ? null : level + "#" + s.groupAt(level);
    }

    /** The classes' distinct outcomes; says whether a subject's outcome is released. */
    public static final class Plan {
        private final KAnonymity.Plan k;
        private final Map<String, Set<String>> outcomes;
        private final Map<String, Integer> sizes;
        private final int l;

        Plan(KAnonymity.Plan k, Map<String, Set<String>> outcomes, Map<String, Integer> sizes, int l) {
            this.k = k;
            this.outcomes = outcomes;
            this.sizes = sizes;
            this.l = l;
        }

        /** Whether the subject's outcome field is released: their class has at least l distinct outcomes. */
        public boolean released(SubjectQuasi subject) {
            String key = classOf(k, subject);
            Set<String> distinct = key == null ? null : outcomes.get(key);
            return distinct == null || distinct.size() >= l;
        }

        public int l() {
            return l;
        }

        /** Classes holding a subject with an outcome. */
        public int classes() {
            return outcomes.size();
        }

        public int classesSuppressed() {
            return (int) outcomes.values().stream().filter(s -> s.size() < l).count();
        }

        /** Subjects (with an outcome) whose class fails. */
        public int subjectsSuppressed() {
            return outcomes.entrySet().stream()
                    .filter(e -> e.getValue().size() < l)
                    .mapToInt(e -> sizes.get(e.getKey()))
                    .sum();
        }

        /** The fewest distinct outcomes of a class whose outcome is released; null when no class is. */
        public Integer smallestReleasedL() {
            return outcomes.values().stream().mapToInt(Set::size).filter(n -> n >= l).min().stream()
                    .boxed()
                    .findFirst()
                    .orElse(null);
        }
    }
}
