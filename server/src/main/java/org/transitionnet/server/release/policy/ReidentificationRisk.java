package org.transitionnet.server.release.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-identification risk of a release over its demographic quasi-identifiers, as ARX defines it. The prosecutor knows
 * their target is in the release: a subject's risk is one over the size of their released class. The journalist does
 * not: they match an outside population, here every subject the release was made from (released or suppressed), so a
 * subject's risk is one over how many of those share the released class. Highest is the largest risk of any released
 * subject; average is the mean over released subjects (for the prosecutor: classes divided by subjects).
 *
 * @param prosecutorHighest null when nothing is released (likewise the others)
 */
public record ReidentificationRisk(
        Double prosecutorHighest, Double prosecutorAverage, Double journalistHighest, Double journalistAverage) {

    /** The risks of the subjects the plan releases, the population being every subject of the source. */
    public static ReidentificationRisk of(KAnonymity.SubjectSource subjects, KAnonymity.Plan plan) {
        // Population counts per (level, group): every subject as their data would read at each level.
        List<Map<String, Integer>> population = new ArrayList<>();
        for (int level = 0; level < KAnonymity.LEVELS; level++) {
            population.add(new HashMap<>());
        }
        subjects.forEachSubject(s -> {
            for (int level = 0; level < KAnonymity.LEVELS; level++) {
                population.get(level).merge(s.groupAt(level), 1, Integer::sum);
            }
        });
        double[] sums = new double[2];
        double[] highest = new double[2];
        int[] released = new int[1];
        subjects.forEachSubject(s -> {
            int level = plan.level(s);
            if (level < 0) {
                return;
            }
            released[0]++;
            double prosecutor = 1.0 / plan.groupSize(s);
            double journalist = 1.0 / population.get(level).get(s.groupAt(level));
            sums[0] += prosecutor;
            sums[1] += journalist;
            highest[0] = Math.max(highest[0], prosecutor);
            highest[1] = Math.max(highest[1], journalist);
        });
        if (released[0] == 0) {
            return new ReidentificationRisk(null, null, null, null);
        }
        return new ReidentificationRisk(
                round(highest[0]), round(sums[0] / released[0]), round(highest[1]), round(sums[1] / released[0]));
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
