package org.transitionnet.catalogue;

/**
 * A code with its code system URL, as the catalogue names it (the file's system alias already
 * resolved), so that consumers only ever see full codings.
 */
public record CodeRef(String system, String code, String display) {

    /** Whether this is the code {@code code} of {@code system}; displays do not matter. */
    public boolean is(String system, String code) {
        return this.system.equals(system) && this.code.equals(code);
    }
}
