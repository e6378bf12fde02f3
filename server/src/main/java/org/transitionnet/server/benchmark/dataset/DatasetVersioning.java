package org.transitionnet.server.benchmark.dataset;

import org.transitionnet.server.benchmark.task.BenchmarkTask;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The identity of a dataset version: its content hash (SHA-256 over the published tasks and their
 * versions, the catalogue and de-identification versions, k, and every released record with its label
 * in canonical order), the id derived from it, and its semantic version. The first version is 1.0.0;
 * a version whose task versions, catalogue and de-identification versions all equal the latest ready
 * version's bumps MINOR (the same dataset with other data); any other change (a task's version, the set
 * of tasks, the catalogue, the de-identification rules or key) bumps MAJOR. Content equal to a ready
 * version's is that version: no new one is made.
 */
public final class DatasetVersioning {

	/** Bumped when the hash input's layout changes. */
	private static final String HASH_FORMAT = "transitionnet-benchmark-dataset 1";

	private DatasetVersioning() {
	}

	/** @param records released records with labels, in {@link DatasetPublication#CANONICAL} order */
	public static String contentHash(List<BenchmarkTask> tasks, String catalogueVersion, String deidVersion, int k,
			List<DatasetRecord> records) {
		MessageDigest sha = sha256();
		line(sha, HASH_FORMAT);
		tasks.stream().sorted(Comparator.comparing(BenchmarkTask::id)).forEach(t -> line(sha, "task " + t.id() + " " + t.version()));
		line(sha, "catalogue " + catalogueVersion);
		line(sha, "deid " + deidVersion);
		line(sha, "k " + k);
		for (DatasetRecord r : records) {
			line(sha, DatasetRecordJson.released(r, true).toString());
		}
		return HexFormat.of().formatHex(sha.digest());
	}

	public static String datasetId(String contentHash) {
		return "ds-" + contentHash.substring(0, 12);
	}

	/** SHA-256 of bytes, lower-case hex (a file's digest and ETag). */
	public static String sha256(byte[] bytes) {
		return HexFormat.of().formatHex(sha256().digest(bytes));
	}

	/** The ready version with the highest semantic version, if any. */
	public static Optional<DatasetVersion> latest(List<DatasetVersion> ready) {
		return ready.stream().filter(v -> v.semver() != null).max(Comparator.comparing(v -> parse(v.semver()),
				Comparator.<int[]>comparingInt(a -> a[0]).thenComparingInt(a -> a[1]).thenComparingInt(a -> a[2])));
	}

	/** The next semantic version after the latest ready version (1.0.0 when there is none). */
	public static String nextSemver(List<DatasetVersion> ready, Map<String, String> taskVersions, String catalogueVersion,
			String deidVersion) {
		Optional<DatasetVersion> latest = latest(ready);
		if (latest.isEmpty()) {
			return "1.0.0";
		}
		DatasetVersion previous = latest.get();
		int[] v = parse(previous.semver());
		boolean sameDefinition = previous.taskVersions().equals(taskVersions) && catalogueVersion.equals(previous.catalogueVersion())
				&& deidVersion.equals(previous.deidVersion());
		return sameDefinition ? v[0] + "." + (v[1] + 1) + ".0" : (v[0] + 1) + ".0.0";
	}

	private static int[] parse(String semver) {
		String[] parts = semver.split("\\.");
		if (parts.length != 3) {
			throw new IllegalStateException("stored dataset version '" + semver + "' is not MAJOR.MINOR.PATCH");
		}
		return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
	}

	private static void line(MessageDigest sha, String text) {
		sha.update(text.getBytes(StandardCharsets.UTF_8));
		sha.update((byte) '\n');
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 unavailable", e);
		}
	}
}
