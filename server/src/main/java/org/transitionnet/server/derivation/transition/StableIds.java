package org.transitionnet.server.derivation.transition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ids of derived resources computed from what they derive from, so that deriving the same input
 * again addresses the same resource (an update, never a duplicate), on any node.
 */
final class StableIds {

    private StableIds() {}

    /** {@code prefix} + the first 128 bits of SHA-256 over the key parts joined by '|', in hex. */
    static String of(String prefix, String... keyParts) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("|", keyParts).getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
