package org.transitionnet.server.release.deid;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms (HMAC-SHA256). The same input under the same key always gives the same
 * pseudonym, so references stay consistent across resources and exports; under another key the
 * outputs cannot be linked. Each use has its own domain label so a pseudonym of one kind never
 * equals one of another kind.
 */
public final class Pseudonymizer {

    private final SecretKeySpec key;

    public Pseudonymizer(DeidKey key) {
        this.key = new SecretKeySpec(key.bytes(), "HmacSHA256");
    }

    /** 128 bits, hex, a valid FHIR id. */
    public String pseudonym(String domain, String value) {
        return HexFormat.of().formatHex(hmac(domain, value), 0, 16);
    }

    /** The pseudonym of a resource, by type and id, usable as its id in de-identified output. */
    public String resourceId(String resourceType, String id) {
        return pseudonym("resource", resourceType + "/" + id);
    }

    /** A keyed, uniformly spread number for the value (for the per-patient date shift). */
    public long keyedLong(String domain, String value) {
        return ByteBuffer.wrap(hmac(domain, value)).getLong();
    }

    private byte[] hmac(String domain, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(domain.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
