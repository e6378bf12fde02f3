package org.transitionnet.server.release.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One plan over both kinds of quasi-identifier a release shows about a subject: the demographics
 * ({@link KAnonymity}) and the set-valued items of their records ({@link SetValuedAnonymity}). Each check changes what
 * the other sees: records the item check suppresses take their age bands with them (a subject left without records
 * leaves the release), and subjects demographic k-anonymity suppresses no longer count towards the items others share.
 * So the two are planned in turn over the subjects still released until neither suppresses anyone new; the result
 * holds both at once.
 */
public final class SubjectReleasePlan {

    /** A record as set-valued items, with the subject's age at it (null where the output carries no age). */
    public record AgedLine(SetValuedAnonymity.Line line, Integer age) {}

    private final KAnonymity.Plan demographics;
    private final SetValuedAnonymity.Plan items;
    private final Map<String, SubjectQuasi> released;

    private SubjectReleasePlan(
            KAnonymity.Plan demographics, SetValuedAnonymity.Plan items, Map<String, SubjectQuasi> released) {
        this.demographics = demographics;
        this.items = items;
        this.released = released;
    }

    /**
     * @param subjects every subject's quasi-identifiers as staged (all record ages)
     * @param lines    every subject's records; a subject without an entry has no records to check
     */
    public static SubjectReleasePlan plan(
            Map<String, SubjectQuasi> subjects, Map<String, List<AgedLine>> lines, int k, SetValuedPolicy setValued) {
        return plan(subjects, lines, Map.of(), k, setValued);
    }

    /**
     * @param bundles every subject's TransitionBundles as items ({@link BundleItems}): a subject none of whose bundles is
     *                released shows no Patient, so their released Patient fields do not count for them
     */
    public static SubjectReleasePlan plan(
            Map<String, SubjectQuasi> subjects,
            Map<String, List<AgedLine>> lines,
            Map<String, List<SetValuedAnonymity.Line>> bundles,
            int k,
            SetValuedPolicy setValued) {
        Set<String> excluded = new HashSet<>();
        while (true) {
            Map<String, List<SetValuedAnonymity.Line>> pool = new LinkedHashMap<>();
            lines.forEach((subject, aged) -> {
                if (!excluded.contains(subject)) {
                    pool.put(subject, aged.stream().map(AgedLine::line).toList());
                }
            });
            SetValuedAnonymity.Plan items = setValued.plan(pool, k);
            Map<String, SubjectQuasi> remaining = new LinkedHashMap<>();
            Set<String> emptied = new HashSet<>();
            subjects.forEach((subject, quasi) -> {
                if (excluded.contains(subject)) {
                    return;
                }
                SubjectQuasi adjusted = withReleasedAges(quasi, lines.get(subject), items);
                List<SetValuedAnonymity.Line> staged = bundles.get(subject);
                if (adjusted != null
                        && staged != null
                        && !staged.isEmpty()
                        && staged.stream().noneMatch(b -> BundleItems.releasable(subject, b, items))) {
                    adjusted = new SubjectQuasi(subject, adjusted.sex(), adjusted.recordAges(), null);
                }
                if (adjusted == null) {
                    emptied.add(subject);
                } else {
                    remaining.put(subject, adjusted);
                }
            });
            KAnonymity.Plan demographics = KAnonymity.plan(new ArrayList<>(remaining.values()), k);
            List<String> suppressed = remaining.values().stream()
                    .filter(q -> demographics.level(q) < 0)
                    .map(SubjectQuasi::subject)
                    .toList();
            if (suppressed.isEmpty()) {
                excluded.addAll(emptied);
                Map<String, SubjectQuasi> all = new LinkedHashMap<>();
                subjects.forEach((subject, quasi) -> all.put(subject, remaining.getOrDefault(subject, quasi)));
                return new SubjectReleasePlan(demographics.excluding(excluded), items, all);
            }
            excluded.addAll(suppressed);
        }
    }

    /** The subject as the release shows them: ages of their released records only; null when no record is left. */
    private static SubjectQuasi withReleasedAges(
            SubjectQuasi quasi, List<AgedLine> lines, SetValuedAnonymity.Plan items) {
        if (lines == null || lines.isEmpty()) {
            return quasi;
        }
        SortedSet<Integer> ages = new TreeSet<>();
        boolean any = false;
        for (AgedLine l : lines) {
            if (items.released(quasi.subject(), l.line())) {
                any = true;
                if (l.age() != null) {
                    ages.add(l.age());
                }
            }
        }
        if (!any) {
            return null;
        }
        return new SubjectQuasi(
                quasi.subject(),
                quasi.sex(),
                quasi.recordAges().isEmpty() ? quasi.recordAges() : ages,
                quasi.patientFields());
    }

    /** The subject's level of the demographic ladder, or -1 when they are left out of every output. */
    public int level(String subject) {
        SubjectQuasi q = released.get(subject);
        return q == null ? -1 : demographics.level(q);
    }

    /** How many subjects share the subject's released demographic group; 0 when left out. */
    public int groupSize(String subject) {
        return level(subject) < 0 ? 0 : demographics.groupSize(released.get(subject));
    }

    /** The subject as the release shows them (ages of released records only). */
    public SubjectQuasi quasi(String subject) {
        return released.get(subject);
    }

    /** Every subject as the release shows them, the left-out ones included; may be read several times. */
    public KAnonymity.SubjectSource subjects() {
        return action -> released.values().forEach(action);
    }

    /**
     * The demographic plan for subjects as {@link #quasi} shows them, the left-out subjects at level -1 (for
     * l-diversity, the disclosure report and risk, which read {@link #subjects}).
     */
    public KAnonymity.Plan demographics() {
        return demographics;
    }

    public SetValuedAnonymity.Plan items() {
        return items;
    }
}
