package org.transitionnet.server.product.benchmark.evaluate;

import org.transitionnet.server.product.benchmark.dataset.DatasetRecord;

/** A train record with its label: what the baselines are fitted on. */
public record TrainingRecord(DatasetRecord record, Observed label) {}
