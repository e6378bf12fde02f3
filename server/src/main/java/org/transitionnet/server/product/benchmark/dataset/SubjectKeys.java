package org.transitionnet.server.product.benchmark.dataset;

import org.transitionnet.server.product.benchmark.Split;
import org.transitionnet.server.product.benchmark.task.SplitRule;
import org.transitionnet.server.release.deid.Pseudonymizer;

/**
 * The keyed identities of the benchmark: the pseudonymous subject, its MEDS subject id, record ids,
 * and the split. Ids come from the version family's key ({@link DatasetFamilies}) and the patient or
 * transition id: the same in every version of one family, unrelated between families and to anything
 * a research export releases. The split is family-independent: a keyed hash, under the server's
 * de-identification key with the benchmark's own domain labels, of the patient alone — the assignment
 * every version made before families used — so a subject held out in any version, of any family, is held
 * out in every other and its labels are never released by another.
 */
public final class SubjectKeys {

    private final Pseudonymizer family;
    private final Pseudonymizer splitKeys;
    private final SplitRule splits;

    /**
     * @param family    keyed by the version family's key: pseudonyms, subject ids and record ids
     * @param splitKeys keyed by the family-independent split key ({@link org.transitionnet.server.release.deid.DeidEngines#benchmarkSplitKeys()})
     */
    public SubjectKeys(Pseudonymizer family, Pseudonymizer splitKeys, SplitRule splits) {
        this.family = family;
        this.splitKeys = splitKeys;
        this.splits = splits;
    }

    /** The pseudonymous subject of a patient. */
    public String subject(String patientId) {
        return family.pseudonym("benchmark-subject", "Patient/" + patientId);
    }

    /** The MEDS {@code subject_id}: a positive 63-bit keyed number of the pseudonymous subject. */
    public long subjectId(String subject) {
        return family.keyedLong("benchmark-subject-id", subject) & Long.MAX_VALUE;
    }

    /** The split of a patient: one split in every version, family and task. */
    public Split split(String patientId) {
        String stableSubject = splitKeys.pseudonym("benchmark-subject", "Patient/" + patientId);
        return splits.assign(splitKeys.keyedLong("benchmark-split", stableSubject));
    }

    /** A record id of a transition within a task; stable across the family's versions, unlinkable to the transition id without the key. */
    public String recordId(String taskId, String transitionId) {
        return family.pseudonym("benchmark-record", taskId + "|" + transitionId);
    }
}
