package org.transitionnet.server.product.job;

import java.util.List;
import java.util.Optional;

/**
 * Which patients a product job covers, as {@link PatientSelectionStep} asks: the patients the job names (a Group's
 * members, say) or else every patient, and whether a product narrows each page of them further (an incremental
 * export keeps those that changed). By default: every patient, none left out.
 *
 * @param <P> the job's parameters
 */
public interface PatientSelection<P> {

    /** The patients the job names, in order; empty: every patient, read a page of ids at a time. */
    default Optional<List<String>> named(P parameters) {
        return Optional.empty();
    }

    /** Those of one page of patients that the job takes, in the page's order. */
    default List<String> narrow(P parameters, List<String> page) {
        return page;
    }

    /** Every patient. */
    static <P> PatientSelection<P> everyone() {
        return new PatientSelection<>() {};
    }
}
