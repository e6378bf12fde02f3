package org.transitionnet.server.release.deid;

import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.PrimitiveType;

/**
 * {@code cryptoHash}: a primitive value becomes its keyed HMAC-SHA256 pseudonym, in a domain of its own per rule (so
 * equal values under different rules do not link); anything that is not a primitive value is removed.
 */
public final class CryptoHashProcessor implements DeidProcessor {

    private final Pseudonymizer pseudonyms;

    public CryptoHashProcessor(Pseudonymizer pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    @Override
    public DeidMethod method() {
        return DeidMethod.CRYPTO_HASH;
    }

    @Override
    public Next process(Base element, DeidRule rule) {
        if (element instanceof PrimitiveType<?> p && p.getValueAsString() != null) {
            p.setValueAsString(pseudonyms.pseudonym("value:" + rule.id(), p.getValueAsString()));
            Elements.clearExtensions(p);
        } else {
            Elements.clear(element);
        }
        return Next.DONE;
    }
}
