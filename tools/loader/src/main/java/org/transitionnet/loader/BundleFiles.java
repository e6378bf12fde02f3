package org.transitionnet.loader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Finds and reads the bundles of a Synthea export folder. */
public final class BundleFiles {

    /**
     * Bundles to load, information bundles in load order: organizations and locations before
     * practitioners, all of them before any patient bundle that references them by identifier.
     */
    public record InputSet(List<Path> informationBundles, List<Path> patientBundles) {}

    private BundleFiles() {}

    public static InputSet scan(Path dir) {
        Path root = Files.isDirectory(dir.resolve("fhir")) ? dir.resolve("fhir") : dir;
        List<Path> all;
        try (Stream<Path> files = Files.list(root)) {
            all = files.filter(Files::isRegularFile)
                    .filter(BundleFiles::isBundleFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> information = all.stream()
                .filter(p -> informationRank(p) < Integer.MAX_VALUE)
                .sorted(Comparator.comparingInt(BundleFiles::informationRank).thenComparing(Path::toString))
                .toList();
        List<Path> patients = all.stream()
                .filter(p -> informationRank(p) == Integer.MAX_VALUE)
                .toList();
        return new InputSet(information, patients);
    }

    public static ObjectNode read(Path file, ObjectMapper mapper) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
            return (ObjectNode) mapper.readTree(in);
        }
    }

    static boolean isBundleFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") || name.endsWith(".json.gz");
    }

    /** Rank among information bundles, or MAX_VALUE for a patient bundle. */
    static int informationRank(Path file) {
        String name = file.getFileName().toString();
        if (name.startsWith("hospitalInformation")) {
            return 0;
        }
        if (name.startsWith("practitionerInformation")) {
            return 1;
        }
        if (name.startsWith("information")) {
            return 2;
        }
        return Integer.MAX_VALUE;
    }
}
