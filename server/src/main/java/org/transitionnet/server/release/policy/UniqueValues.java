package org.transitionnet.server.release.policy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How many subjects of a release hold a (state variable, value) that no other subject of the release holds: such a
 * value singles its subject out to anyone who knows it from elsewhere, whatever k-anonymity says about the
 * demographics. The disclosure report gives this count for the values as measured and as released, so the effect
 * of rounding and top/bottom-coding is visible.
 */
public final class UniqueValues {

    private static final String SHARED = "";

    /** Per (variable, value): its one holder, or {@link #SHARED} once a second subject holds it. */
    private final Map<String, String> holders = new HashMap<>();

    private final Set<String> subjects = new HashSet<>();

    public void add(String subject, String variable, BigDecimal value) {
        subjects.add(subject);
        if (value == null) {
            return;
        }
        String pair = variable + "|" + value.stripTrailingZeros().toPlainString();
        holders.merge(pair, subject, (held, next) -> held.equals(next) ? held : SHARED);
    }

    public int subjects() {
        return subjects.size();
    }

    /** Subjects holding at least one (variable, value) no other subject holds. */
    public int subjectsWithUniqueValue() {
        Set<String> unique = new HashSet<>(holders.values());
        unique.remove(SHARED);
        return unique.size();
    }

    /** {@link #subjectsWithUniqueValue} as a share of the subjects, 0 when there are none. */
    public double share() {
        return subjects.isEmpty() ? 0 : (double) subjectsWithUniqueValue() / subjects.size();
    }
}
