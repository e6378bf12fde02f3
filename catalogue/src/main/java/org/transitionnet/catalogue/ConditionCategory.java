package org.transitionnet.catalogue;

import java.util.Locale;

/**
 * A category of recorded conditions, named in {@code condition-classes.yaml}: what a new Condition in a
 * transition's follow-up may be released as. Synthea, like many EHRs, records social circumstances
 * (abuse, a criminal record, housing) and status findings (employment, a medication review due) as
 * Conditions; the category says whether one is a clinical adverse event, not an event at all, or a
 * sensitive finding that a release withholds unless its policy says otherwise.
 *
 * @param id      lower-case words joined by {@code -}; what conditions and the release policy name
 * @param display a human-readable name
 * @param role    what conditions of this category are to a release
 */
public record ConditionCategory(String id, String display, Role role) {

    /** What a category's conditions are to a release. */
    public enum Role {
        /** A clinical adverse event: released as one. */
        ADVERSE_EVENT,
        /** A status, history or administrative finding: never released as an adverse event. */
        NOT_AN_EVENT,
        /** A sensitive finding: withheld from releases unless the release policy lets its category through. */
        SENSITIVE;

        /** The name in the catalogue file ({@code adverse-event}, {@code not-an-event}, {@code sensitive}). */
        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Role of(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    public boolean isSensitive() {
        return role == Role.SENSITIVE;
    }
}
