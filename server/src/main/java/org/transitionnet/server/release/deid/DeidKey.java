package org.transitionnet.server.release.deid;

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
                    + "(environment variable TRANSITIONNET_DEID_KEY) to a secret of at least " + MIN_LENGTH
                    + " characters");
        }
        if (configured.strip().equals(BUILT_IN_DEFAULT)) {
            throw new DeidKeyException(
                    "The de-identification key is the built-in default; set transitionnet.deid.key to a secret");
        }
        if (configured.length() < MIN_LENGTH) {
            throw new DeidKeyException("The de-identification key is shorter than " + MIN_LENGTH + " characters");
        }
        return new DeidKey(configured.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A key for one export only: HMAC of the export's random salt under this key. Pseudonyms and date
     * shifts under it cannot be linked to those of any other export, and without this key the salt
     * (stored with the export job) reveals nothing.
     */
    public DeidKey forExport(String salt) {
        if (salt == null || salt.isBlank()) {
            throw new IllegalArgumentException("a per-export key needs a salt");
        }
        return derive("per-export-key", salt);
    }

    /**
     * The benchmark's own key: HMAC of a label of its own under this key. Nothing keyed by it (the
     * family keys derived from it) equals or links to what a research export keys with this key or with
     * a per-export key.
     */
    public DeidKey forBenchmark() {
        return derive("benchmark-key", "transitionnet-benchmark");
    }

    /**
     * The key of one dataset version family, derived from a benchmark key ({@link #forBenchmark()}):
     * pseudonyms, subject ids, record ids and date shifts of one family never link to another family's.
     */
    public DeidKey forBenchmarkFamily(String familyId) {
        if (familyId == null || familyId.isBlank()) {
            throw new IllegalArgumentException("a family key needs the family's id");
        }
        return derive("benchmark-family-key", familyId);
    }

    /** HMAC-SHA256 under this key of a label, a zero byte and a value: a key for one use, unlinkable to any other. */
    private DeidKey derive(String label, String value) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(bytes, "HmacSHA256"));
            mac.update(label.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return new DeidKey(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * A short public name of this key, for the disclosure report: the first 16 hex digits of HMAC-SHA256 under the
     * key of a label of its own. It tells two releases made under the same key apart from two under different keys,
     * and reveals nothing that recomputes a pseudonym or a shift (nothing released is keyed under that label).
     */
    public String fingerprint() {
        byte[] mac = derive("key-fingerprint", "transitionnet").bytes;
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            hex.append(String.format("%02x", mac[i]));
        }
        return hex.toString();
    }

    byte[] bytes() {
        return Arrays.copyOf(bytes, bytes.length);
    }

    @Override
    public String toString() {
        return "DeidKey[redacted]";
    }
}
