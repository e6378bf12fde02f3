package org.transitionnet.server.product.benchmark;

import java.util.Arrays;
import java.util.Optional;

/**
 * The three benchmark splits. Train and tuning are released with their labels; held_out is released
 * as inputs only, its labels stay on the server and are reached only by scoring.
 */
public enum Split {
    TRAIN("train"),
    TUNING("tuning"),
    HELD_OUT("held_out");

    private final String code;

    Split(String code) {
        this.code = code;
    }

    /** The name used in files, parameters and MEDS {@code subject_splits.parquet}. */
    public String code() {
        return code;
    }

    /** Whether the split's labels may leave the server. */
    public boolean labelsReleased() {
        return this != HELD_OUT;
    }

    public static Optional<Split> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
