package org.transitionnet.server.product.benchmark.dataset;

/** One file of a dataset version, by its path inside the version (e.g. {@code data/0.parquet}). */
public record DatasetFile(String path, String mediaType, byte[] content) {}
