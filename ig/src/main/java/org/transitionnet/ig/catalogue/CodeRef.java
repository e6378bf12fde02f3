package org.transitionnet.ig.catalogue;

/** A code with its code system URL (already resolved from the catalogue's system aliases). */
public record CodeRef(String system, String code, String display) {
}
