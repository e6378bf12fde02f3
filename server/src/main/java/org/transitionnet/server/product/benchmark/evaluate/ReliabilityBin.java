package org.transitionnet.server.product.benchmark.evaluate;

/**
 * One bin of the reliability table of the top-label confidence: records whose highest direction
 * probability lies in {@code [lower, upper)} (the last bin includes 1).
 *
 * @param meanConfidence mean top-label probability of the bin's records; {@code null} when the bin is empty
 * @param accuracy       share of the bin's records whose top label was right; {@code null} when the bin is empty
 */
public record ReliabilityBin(double lower, double upper, int count, Double meanConfidence, Double accuracy) {}
