package org.transitionnet.server.security;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A scope of one of this server's own products rather than of the clinical store: {@code benchmark/*.read},
 * {@code benchmark/*.submit}, {@code benchmark/*.build}. It follows the shape of a SMART scope (a context, all
 * "resources" of it, an access) so that authorization servers and clients handle it like any other scope, but its
 * context is the product, not {@code patient}, {@code user} or {@code system}: {@link SmartScope} does not parse it,
 * so it grants no clinical read, search or write, and no clinical scope grants it. Operations declare the one they
 * need with {@link OperationAccess#productScope()}.
 *
 * @param product the product, e.g. {@code benchmark}
 * @param access  what the scope allows in the product, e.g. {@code read}
 */
public record ProductScope(String product, String access) {

    /** The benchmark's listings, cards, released files and leaderboard. */
    public static final ProductScope BENCHMARK_READ = new ProductScope("benchmark", "read");
    /** Scoring predictions with {@code $evaluate} (tuning and held-out). */
    public static final ProductScope BENCHMARK_SUBMIT = new ProductScope("benchmark", "submit");
    /** Building dataset versions, following and cancelling the builds: a data steward's act. */
    public static final ProductScope BENCHMARK_BUILD = new ProductScope("benchmark", "build");

    /** Every product scope this server knows, in the order discovery lists them. */
    public static final List<ProductScope> ALL = List.of(BENCHMARK_READ, BENCHMARK_SUBMIT, BENCHMARK_BUILD);

    private static final Map<String, ProductScope> BY_TEXT =
            ALL.stream().collect(Collectors.toUnmodifiableMap(ProductScope::toString, Function.identity()));

    /** A known product scope; empty for anything else (an unknown product or access grants nothing). */
    public static Optional<ProductScope> parse(String scope) {
        return scope == null ? Optional.empty() : Optional.ofNullable(BY_TEXT.get(scope));
    }

    @Override
    public String toString() {
        return product + "/*." + access;
    }
}
