package org.transitionnet.server.product.benchmark.task;

/**
 * A baseline input besides the target's own baseline: the latest measurement of a state variable
 * within {@code daysBefore} days before the episode start (absent when none was recorded).
 */
public record InputVariable(String variable, int daysBefore) {}
