package org.transitionnet.loader;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Applies the loader's rewrites to one bundle before it is sent. */
public final class BundlePreparer {

    private final TypeExclusion exclusion;
    private final IdempotentRequests idempotentRequests;

    public BundlePreparer(TypeExclusion exclusion, boolean idempotent) {
        this.exclusion = exclusion;
        this.idempotentRequests = idempotent ? new IdempotentRequests() : null;
    }

    /** Rewrites the bundle in place into a transaction; returns what was excluded. */
    public TypeExclusion.Outcome prepare(ObjectNode bundle) {
        TypeExclusion.Outcome outcome = exclusion.apply(bundle);
        if (idempotentRequests != null) {
            idempotentRequests.apply(bundle);
        } else {
            bundle.put("type", "transaction");
        }
        return outcome;
    }

    public static int entryCount(ObjectNode bundle) {
        return bundle.path("entry").size();
    }
}
