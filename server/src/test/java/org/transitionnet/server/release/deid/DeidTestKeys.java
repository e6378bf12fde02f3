package org.transitionnet.server.release.deid;

/** Test-only keys and release time; never used outside tests. */
public final class DeidTestKeys {

    public static final String KEY_A = "test-only-deid-key-A-0123456789abcdef";
    public static final String KEY_B = "test-only-deid-key-B-fedcba9876543210";

    /** The release time test engines use: a whole second, later than any source date. */
    public static final java.time.Instant RELEASE = java.time.Instant.parse("2030-06-15T12:34:56Z");

    private DeidTestKeys() {}
}
