package org.transitionnet.server.product.benchmark;

/**
 * The names of the benchmark's operations (all at the server level), shared by the providers and their clients; what
 * each needs and records is declared on its method ({@link org.transitionnet.server.security.OperationAccess}).
 */
public final class BenchmarkOperations {

    /** Kick-off of a dataset build (async, {@code Prefer: respond-async}). */
    public static final String BUILD = "$dataset-build";
    /** Progress and result of a build; {@code DELETE} cancels. */
    public static final String BUILD_STATUS = "$dataset-build-status";
    /** The tasks and the dataset versions with their metadata and file lists. */
    public static final String DATASETS = "$datasets";
    /** One released file of a version. */
    public static final String FILE = "$dataset-file";
    /** The card of a version (JSON or Markdown). */
    public static final String CARD = "$dataset-card";
    /** Scoring of submitted predictions against the labels held on the server. */
    public static final String EVALUATE = "$evaluate";
    /** Scored submissions and baselines per task and version. */
    public static final String LEADERBOARD = "$leaderboard";

    /**
     * The benchmark's own scopes ({@link org.transitionnet.server.security.ProductScope}), which grant no clinical
     * data. Read: the listings, cards, released files and leaderboard.
     */
    public static final String READ_SCOPE = "benchmark/*.read";
    /** Submit: scoring predictions with {@link #EVALUATE}. */
    public static final String SUBMIT_SCOPE = "benchmark/*.submit";
    /** Build: {@link #BUILD} and its status and cancellation (a data steward's act). */
    public static final String BUILD_SCOPE = "benchmark/*.build";

    private BenchmarkOperations() {}
}
