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
	/** Replaced by a coarser value: {@code zip3}, or {@code year} (removed for ages of 90 and more). */
	GENERALIZE,
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
			default -> throw new IllegalArgumentException("unknown de-identification method '" + name
					+ "' (keep, redact, cryptoHash, dateShift, generalize, substitute)");
		};
	}
}
