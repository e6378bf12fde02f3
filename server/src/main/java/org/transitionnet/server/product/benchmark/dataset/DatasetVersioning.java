package org.transitionnet.server.product.benchmark.dataset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;

/**
 * The identity of a dataset version: its content hash (SHA-256 over the published tasks and their
 * versions, the catalogue and de-identification versions, k, and every released record with its label
 * in canonical order), the id derived from it, and its semantic version. Each version family
 * ({@link DatasetFamilies}: the requested tasks and their versions, the catalogue and de-identification
 * versions, k) is one MAJOR line: a new family starts the next MAJOR, a later version of a family bumps
 * its MINOR (the same dataset with other data), so versions whose ids cannot be joined never share a
 * MAJOR. Content equal to a ready version's is that version: no new one is made.
 */
public final class DatasetVersioning {

    /** Bumped when the hash input's layout changes. */
    private static final String HASH_FORMAT = "transitionnet-benchmark-dataset 1";

    private DatasetVersioning() {}

    /** @param records released records with labels, in {@link DatasetPublication#CANONICAL} order */
    public static String contentHash(
            List<BenchmarkTask> tasks,
            String catalogueVersion,
            String deidVersion,
            int k,
            List<DatasetRecord> records) {
        MessageDigest sha = sha256();
        line(sha, HASH_FORMAT);
        tasks.stream()
                .sorted(Comparator.comparing(BenchmarkTask::id))
                .forEach(t -> line(sha, "task " + t.id() + " " + t.version()));
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
        return ready.stream()
                .filter(v -> v.semver() != null)
                .max(Comparator.comparing(
                        v -> parse(v.semver()),
                        Comparator.<int[]>comparingInt(a -> a[0])
                                .thenComparingInt(a -> a[1])
                                .thenComparingInt(a -> a[2])));
    }

    /**
     * The semantic version of a new version of the family: one MAJOR line per family. The family's first
     * version starts a new MAJOR, one above every ready version's (1.0.0 when there is none); a later
     * version of the family continues its MAJOR with the next MINOR. Versions made before families
     * existed (no family id) belong to no family.
     */
    public static String nextSemver(List<DatasetVersion> ready, String familyId) {
        List<DatasetVersion> versioned =
                ready.stream().filter(v -> v.semver() != null).toList();
        Optional<Integer> familyMajor = versioned.stream()
                .filter(v -> familyId != null && familyId.equals(v.familyId()))
                .map(v -> parse(v.semver())[0])
                .max(Integer::compare);
        if (familyMajor.isPresent()) {
            int major = familyMajor.get();
            int minor = versioned.stream()
                    .map(v -> parse(v.semver()))
                    .filter(v -> v[0] == major)
                    .mapToInt(v -> v[1])
                    .max()
                    .orElse(-1);
            return major + "." + (minor + 1) + ".0";
        }
        int major = versioned.stream().mapToInt(v -> parse(v.semver())[0]).max().orElse(0);
        return (major + 1) + ".0.0";
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
