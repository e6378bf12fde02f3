package org.transitionnet.server.deid;

import com.fasterxml.jackson.annotation.JsonCreator;

/** What a rule does with the elements its path selects. */
public enum DeidMethod {
	/** Kept as is, including free text below it; dates below it are still shifted and references still rewritten. */
	KEEP,
	/** Removed with everything below it. */
	REDACT,
	/** Replaced by a keyed HMAC-SHA256 pseudonym (primitive values only; anything else is removed). */
	CRYPTO_HASH,
	/** Shifted by the patient's keyed number of days (dates are shifted by default anyway; this documents it). */
	DATE_SHIFT,
	/**
	 * Replaced by a coarser value: {@code zip3}, {@code year} (removed for ages of 90 and more), or
	 * {@code flag} (a date/time choice such as {@code Patient.deceased[x]} becomes the boolean {@code true}).
	 */
	GENERALIZE,
	/**
	 * Replaced by the release time of the export (its {@code transactionTime}), the same for every
	 * subject: for times the server itself writes (when a transition was derived or recorded), which
	 * would reveal the patient's shift if they were shifted like clinical times.
	 */
	RELEASE_TIME,
	/** Replaced by the rule's fixed {@code value}. */
	SUBSTITUTE;

	@JsonCreator
	public static DeidMethod parse(String name) {
		return switch (name) {
			case "keep" -> KEEP;
			case "redact" -> REDACT;
			case "cryptoHash" -> CRYPTO_HASH;
			case "dateShift" -> DATE_SHIFT;
			case "generalize" -> GENERALIZE;
			case "substitute" -> SUBSTITUTE;
			case "releaseTime" -> RELEASE_TIME;
			default -> throw new IllegalArgumentException("unknown de-identification method '" + name
					+ "' (keep, redact, cryptoHash, dateShift, generalize, substitute, releaseTime)");
		};
	}
}
