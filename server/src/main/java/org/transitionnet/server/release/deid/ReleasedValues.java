package org.transitionnet.server.release.deid;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.catalogue.ReleasePrecision;

/**
 * The values of state variables as a release shows them: rounded to the catalogue's release precision and, where the
 * catalogue asks for it, top- and bottom-coded at percentiles of the rounded values of this release. Exact and
 * extreme values are what single a subject out and what link two releases of the same population; every product
 * (research export, benchmark dataset) releases values only through this class, so no release shows a value finer
 * than another does. A value that, so released, fewer subjects of the release hold than a minimum (2 by default for
 * research exports: no value of one subject alone) is not released at all. A variable the catalogue does not know, or
 * knows without a release block, keeps its value.
 */
public final class ReleasedValues {

    /** The release's coding limits of one variable; null ends are not coded. */
    public record Limits(BigDecimal bottom, BigDecimal top) {}

    private final MappingCatalogue catalog;
    private final Map<String, Limits> limits;
    /** Per variable, the coded values fewer subjects than the minimum hold: released as absent. */
    private final Map<String, Set<BigDecimal>> suppressed;

    private ReleasedValues(
            MappingCatalogue catalog, Map<String, Limits> limits, Map<String, Set<BigDecimal>> suppressed) {
        this.catalog = catalog;
        this.limits = limits;
        this.suppressed = suppressed;
    }

    /** Rounding only (no population to take percentiles of, or coding not wanted). */
    public static ReleasedValues roundingOnly(MappingCatalogue catalog) {
        return new ReleasedValues(catalog, Map.of(), Map.of());
    }

    /** Collects a release's values before they are released, to take their percentiles. */
    public static Collector collector(MappingCatalogue catalog) {
        return new Collector(catalog);
    }

    /**
     * The value as released: rounded, then within the variable's coding limits; null (not released) when fewer
     * subjects of the release than the collector's minimum hold it.
     */
    public BigDecimal release(String variable, BigDecimal value) {
        BigDecimal coded = coded(variable, value);
        return coded != null && suppressed.getOrDefault(variable, Set.of()).contains(coded) ? null : coded;
    }

    /** The value rounded and within the variable's coding limits (before suppression). */
    private BigDecimal coded(String variable, BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal rounded = round(variable, value);
        Limits l = limits.get(variable);
        if (l == null) {
            return rounded;
        }
        if (l.bottom() != null && rounded.compareTo(l.bottom()) < 0) {
            return l.bottom();
        }
        if (l.top() != null && rounded.compareTo(l.top()) > 0) {
            return l.top();
        }
        return rounded;
    }

    /** The value rounded to the variable's release precision (unchanged when it has none). */
    public BigDecimal round(String variable, BigDecimal value) {
        ReleasePrecision precision = precision(variable);
        return precision == null ? value : precision.round(value);
    }

    /** How many distinct coded values of the variable this release suppresses as held by too few subjects. */
    public int suppressedValues(String variable) {
        return suppressed.getOrDefault(variable, Set.of()).size();
    }

    /** The variable's coding limits in this release, or null when none applies. */
    public Limits limits(String variable) {
        return limits.get(variable);
    }

    private ReleasePrecision precision(String variable) {
        return catalog.stateVariable(variable).map(v -> v.release()).orElse(null);
    }

    /**
     * Counts the rounded values of each variable (one count per distinct rounded value) and takes their
     * percentiles by nearest rank; with subjects, it also notes who holds each rounded value (up to the minimum
     * number of holders), so that values held by fewer subjects are suppressed.
     */
    public static final class Collector {
        private final MappingCatalogue catalog;
        private final ReleasedValues rounding;
        private final Map<String, TreeMap<BigDecimal, Long>> counts = new HashMap<>();
        private final Map<String, Map<BigDecimal, Set<String>>> holders = new HashMap<>();
        private int minHolders = 1;

        private Collector(MappingCatalogue catalog) {
            this.catalog = catalog;
            this.rounding = roundingOnly(catalog);
        }

        /**
         * Suppress released values (after rounding and coding) that fewer than this many subjects hold; 1 (the
         * default) suppresses none. Needs {@link #add(String, BigDecimal, String)} with subjects.
         */
        public Collector minHolders(int minHolders) {
            this.minHolders = Math.max(1, minHolders);
            return this;
        }

        public void add(String variable, BigDecimal value) {
            if (value != null) {
                counts.computeIfAbsent(variable, v -> new TreeMap<>())
                        .merge(rounding.round(variable, value), 1L, Long::sum);
            }
        }

        /** A value of a subject: counted for the percentiles, and its holder noted. */
        public void add(String variable, BigDecimal value, String subject) {
            add(variable, value);
            if (value != null && minHolders > 1) {
                Set<String> held = holders.computeIfAbsent(variable, v -> new HashMap<>())
                        .computeIfAbsent(rounding.round(variable, value), r -> new HashSet<>());
                if (held.size() < minHolders) {
                    held.add(subject);
                }
            }
        }

        public ReleasedValues build() {
            Map<String, Limits> limits = new HashMap<>();
            counts.forEach((variable, histogram) -> {
                ReleasePrecision precision =
                        catalog.stateVariable(variable).map(v -> v.release()).orElse(null);
                if (precision == null) {
                    return;
                }
                BigDecimal bottom =
                        precision.bottomPercentile() > 0 ? percentile(histogram, precision.bottomPercentile()) : null;
                BigDecimal top =
                        precision.topPercentile() < 100 ? percentile(histogram, precision.topPercentile()) : null;
                limits.put(variable, new Limits(bottom, top));
            });
            ReleasedValues coding = new ReleasedValues(catalog, limits, Map.of());
            Map<String, Set<BigDecimal>> suppressed = new HashMap<>();
            holders.forEach((variable, byValue) -> {
                Map<BigDecimal, Set<String>> byCoded = new HashMap<>();
                byValue.forEach((rounded, subjects) -> byCoded.computeIfAbsent(
                                coding.coded(variable, rounded), c -> new HashSet<>())
                        .addAll(subjects));
                byCoded.forEach((coded, subjects) -> {
                    if (subjects.size() < minHolders) {
                        suppressed
                                .computeIfAbsent(variable, v -> new HashSet<>())
                                .add(coded);
                    }
                });
            });
            return new ReleasedValues(catalog, limits, suppressed);
        }

        /** The nearest-rank percentile: the smallest value with at least p % of the values at or below it. */
        static BigDecimal percentile(TreeMap<BigDecimal, Long> histogram, double p) {
            long n = histogram.values().stream().mapToLong(Long::longValue).sum();
            long rank = Math.max(
                    1,
                    BigDecimal.valueOf(p)
                            .multiply(BigDecimal.valueOf(n))
                            .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING)
                            .longValue());
            long seen = 0;
            for (Map.Entry<BigDecimal, Long> e : histogram.entrySet()) {
                seen += e.getValue();
                if (seen >= rank) {
                    return e.getKey();
                }
            }
            return histogram.lastKey();
        }
    }
}
