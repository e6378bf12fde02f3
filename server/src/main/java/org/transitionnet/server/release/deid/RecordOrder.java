package org.transitionnet.server.release.deid;

/**
 * The order one release lists its records in: a keyed permutation of the staging order. Records staged patient by
 * patient, in the same selection order every time, would let a recipient of two releases of the same population pair
 * subjects by position alone; a permutation drawn per release leaves position meaningless. The permutation is
 * {@code (id mod P) * multiplier + addend mod P} over the staging ids (P the prime 2^31 - 1), so a database can sort
 * and page by it without holding the release in memory.
 */
public record RecordOrder(long multiplier, long addend) {

    public static final long PRIME = 2_147_483_647L;

    /** A permutation drawn from two keyed numbers of the release. */
    public static RecordOrder of(long keyedMultiplier, long keyedAddend) {
        // Any multiplier in [1, P-1] is a bijection modulo the prime.
        return new RecordOrder(1 + Math.floorMod(keyedMultiplier, PRIME - 1), Math.floorMod(keyedAddend, PRIME));
    }

    /** The sort key of a staging id. */
    public long position(long id) {
        return Math.floorMod(Math.floorMod(id, PRIME) * multiplier + addend, PRIME);
    }

    /** The sort key as SQL over a {@code bigint} id column (the same numbers as {@link #position}). */
    public String sql(String idColumn) {
        return "MOD(MOD(" + idColumn + ", " + PRIME + ") * " + multiplier + " + " + addend + ", " + PRIME + ")";
    }
}
