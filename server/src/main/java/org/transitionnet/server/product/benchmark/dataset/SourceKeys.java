package org.transitionnet.server.product.benchmark.dataset;

import java.time.Instant;
import org.transitionnet.server.release.deid.DeidEngines;
import org.transitionnet.server.release.deid.Pseudonymizer;

/**
 * The server-only key of a benchmark record's source: a keyed hash of the task id and the source transition id
 * under a key derived from the server's de-identification key for this use alone. It is the same in every dataset
 * version (whatever key family its released pseudonyms come from), so the held-out limit can count scorings of the
 * same source record across versions. It is stored with the label only: never released, in no file, not in the
 * content hash.
 */
public final class SourceKeys {

    /** Derivation label of the benchmark-internal key. */
    static final String KEY_LABEL = "benchmark-source-keys";

    private final Pseudonymizer keyed;

    public SourceKeys(DeidEngines deid) {
        this.keyed = deid.forExport(Instant.EPOCH, KEY_LABEL).pseudonyms();
    }

    SourceKeys(Pseudonymizer keyed) {
        this.keyed = keyed;
    }

    /** The source key of a transition within a task. */
    public String sourceKey(String taskId, String transitionId) {
        return keyed.pseudonym("benchmark-source-record", taskId + "|" + transitionId);
    }
}
