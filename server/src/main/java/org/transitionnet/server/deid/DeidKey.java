package org.transitionnet.server.deid;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The secret that keys pseudonyms and date shifts. It comes from configuration (an environment
 * variable or a secrets file), never from the repository: the built-in placeholder, a blank value
 * or a short value are refused, because anyone who knows the key can re-link pseudonyms.
 */
public final class DeidKey {

	/** The placeholder shipped in application.yaml; exports refuse to run with it. */
	public static final String BUILT_IN_DEFAULT = "change-me-not-a-secret";
	public static final int MIN_LENGTH = 32;

	private final byte[] bytes;

	private DeidKey(byte[] bytes) {
		this.bytes = bytes;
	}

	/** @throws DeidKeyException when the configured value is missing, the built-in default, or too short */
	public static DeidKey of(String configured) {
		if (configured == null || configured.isBlank()) {
			throw new DeidKeyException("No de-identification key is configured: set transitionnet.deid.key "
					+ "(environment variable TRANSITIONNET_DEID_KEY) to a secret of at least " + MIN_LENGTH + " characters");
		}
		if (configured.strip().equals(BUILT_IN_DEFAULT)) {
			throw new DeidKeyException("The de-identification key is the built-in default; set transitionnet.deid.key to a secret");
		}
		if (configured.length() < MIN_LENGTH) {
			throw new DeidKeyException("The de-identification key is shorter than " + MIN_LENGTH + " characters");
		}
		return new DeidKey(configured.getBytes(StandardCharsets.UTF_8));
	}

	byte[] bytes() {
		return Arrays.copyOf(bytes, bytes.length);
	}

	@Override
	public String toString() {
		return "DeidKey[redacted]";
	}
}
