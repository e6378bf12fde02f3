package org.transitionnet.server.deid;

/** Test-only keys; never used outside tests. */
public final class DeidTestKeys {

	public static final String KEY_A = "test-only-deid-key-A-0123456789abcdef";
	public static final String KEY_B = "test-only-deid-key-B-fedcba9876543210";

	private DeidTestKeys() {
	}
}
