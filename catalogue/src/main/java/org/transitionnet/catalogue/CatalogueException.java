package org.transitionnet.catalogue;

/** The catalogue YAML is malformed or inconsistent. */
public class CatalogueException extends RuntimeException {

    public CatalogueException(String message) {
        super(message);
    }
}
