package org.transitionnet.server.benchmark.dataset;

import org.transitionnet.server.benchmark.Split;
import org.transitionnet.server.benchmark.task.SplitRule;
import org.transitionnet.server.deid.Pseudonymizer;

/**
 * The keyed identities of the benchmark: the pseudonymous subject, its MEDS subject id and split,
 * and record ids. All come from the server's de-identification key and the patient or transition
 * id alone, so they are the same in every dataset version and every task, and cannot be linked
 * back without the key.
 */
public final class SubjectKeys {

	private final Pseudonymizer keyed;
	private final SplitRule splits;

	public SubjectKeys(Pseudonymizer keyed, SplitRule splits) {
		this.keyed = keyed;
		this.splits = splits;
	}

	/** The pseudonymous subject of a patient. */
	public String subject(String patientId) {
		return keyed.pseudonym("benchmark-subject", "Patient/" + patientId);
	}

	/** The MEDS {@code subject_id}: a positive 63-bit keyed number of the pseudonymous subject. */
	public long subjectId(String subject) {
		return keyed.keyedLong("benchmark-subject-id", subject) & Long.MAX_VALUE;
	}

	/** The split of a pseudonymous subject: one split in every version and task. */
	public Split split(String subject) {
		return splits.assign(keyed.keyedLong("benchmark-split", subject));
	}

	/** A record id of a transition within a task; stable across versions, unlinkable to the transition id without the key. */
	public String recordId(String taskId, String transitionId) {
		return keyed.pseudonym("benchmark-record", taskId + "|" + transitionId);
	}
}
