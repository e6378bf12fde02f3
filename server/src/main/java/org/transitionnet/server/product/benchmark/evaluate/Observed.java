package org.transitionnet.server.product.benchmark.evaluate;

/**
 * The label of one record as scoring needs it: what was recorded after the start. Held-out labels
 * exist only in this form inside the server; no answer carries them.
 *
 * @param direction    improved | unchanged | worsened
 * @param change       follow-up minus baseline, in the task's unit
 * @param adverseEvent whether an adverse event was recorded in the follow-up window
 */
public record Observed(String recordId, String direction, double change, boolean adverseEvent) {}
