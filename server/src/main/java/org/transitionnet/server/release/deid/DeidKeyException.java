package org.transitionnet.server.release.deid;

/** The configured de-identification key cannot be used; nothing is exported. */
public class DeidKeyException extends IllegalStateException {

    public DeidKeyException(String message) {
        super(message);
    }
}
