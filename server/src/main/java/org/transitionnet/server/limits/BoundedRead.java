package org.transitionnet.server.limits;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a stream into memory, but never more than a limit: the caller learns the body was too large instead. */
final class BoundedRead {

    /** The stream held more than the limit; nothing beyond limit + 1 bytes was read. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("more bytes than allowed");
        }
    }

    private BoundedRead() {}

    static byte[] read(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(limit, 64 * 1024));
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > limit) {
                throw new TooLarge();
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
