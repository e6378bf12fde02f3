package org.transitionnet.server.product.benchmark.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.release.deid.DeidKey;
import org.transitionnet.server.release.deid.Pseudonymizer;

/**
 * The server-only source key: stable for a task and transition, different per task, carried through staging, and
 * never released — not in a released record, so in no file, and not in the content hash.
 */
class SourceKeysTest {

    private static final SourceKeys KEYS =
            new SourceKeys(new Pseudonymizer(DeidKey.of("test-only-source-key-0123456789abcdef")));

    @Test
    void stablePerTaskAndTransitionAndUnlinkedToTheReleasedIds() {
        assertThat(KEYS.sourceKey("statin-ldl", "t1")).isEqualTo(KEYS.sourceKey("statin-ldl", "t1"));
        assertThat(KEYS.sourceKey("statin-ldl", "t1")).isNotEqualTo(KEYS.sourceKey("glucose-lowering-hba1c", "t1"));
        assertThat(KEYS.sourceKey("statin-ldl", "t1")).doesNotContain("t1");
    }

    @Test
    void keptThroughStagingButNeverReleasedNorHashed() {
        List<DatasetRecord> plain = DatasetFixture.RECORDS;
        List<DatasetRecord> keyed = plain.stream()
                .map(r -> r.withSourceKey(KEYS.sourceKey(r.taskId(), r.recordId())))
                .toList();
        for (DatasetRecord r : keyed) {
            assertThat(DatasetRecordJson.fromStaged(DatasetRecordJson.staged(r)).sourceKey())
                    .isEqualTo(r.sourceKey());
            String released = DatasetRecordJson.released(r, true).toString();
            assertThat(released).doesNotContain(r.sourceKey()).doesNotContain("sourceKey");
            assertThat(r.generalized("any", r.sex()).sourceKey()).isEqualTo(r.sourceKey());
        }
        assertThat(DatasetVersioning.contentHash(List.of(DatasetFixture.HBA1C_TASK), "c", "d", 5, keyed))
                .isEqualTo(DatasetVersioning.contentHash(List.of(DatasetFixture.HBA1C_TASK), "c", "d", 5, plain));
    }
}
