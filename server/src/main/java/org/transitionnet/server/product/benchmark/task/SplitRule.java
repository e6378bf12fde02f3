package org.transitionnet.server.product.benchmark.task;

import org.transitionnet.server.product.benchmark.Split;

/**
 * How subjects are assigned to splits: by a keyed hash of the pseudonymous subject, cut at fixed
 * fractions. The assignment depends only on the key and the subject, never on the data, the task or
 * the dataset version, so a subject stays in one split everywhere. Every task must state the same
 * rule (checked when tasks are loaded), or one subject could land in two splits.
 *
 * @param rule    the rule's name ({@code keyed-subject-hash}, the only one)
 * @param version bumped whenever the assignment changes; part of every dataset's provenance
 */
public record SplitRule(String rule, int version, double train, double tuning, double heldOut) {

    public static final String KEYED_SUBJECT_HASH = "keyed-subject-hash";

    public SplitRule {
        if (!KEYED_SUBJECT_HASH.equals(rule)) {
            throw new IllegalArgumentException(
                    "split rule '" + rule + "' is unknown; the only rule is " + KEYED_SUBJECT_HASH);
        }
        if (train <= 0 || tuning <= 0 || heldOut <= 0 || Math.abs(train + tuning + heldOut - 1.0) > 1e-9) {
            throw new IllegalArgumentException("split fractions must be positive and add up to 1, not " + train + " + "
                    + tuning + " + " + heldOut);
        }
    }

    /**
     * The split of a subject from its keyed hash.
     *
     * @param keyedHash a uniformly spread keyed number of the subject (any long)
     */
    public Split assign(long keyedHash) {
        // 53 high bits as a fraction in [0, 1).
        double u = (keyedHash >>> 11) * 0x1.0p-53;
        if (u < train) {
            return Split.TRAIN;
        }
        return u < train + tuning ? Split.TUNING : Split.HELD_OUT;
    }
}
