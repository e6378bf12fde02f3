package org.transitionnet.server.sampledata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * The bundle files of a sample-data folder in the order they must be stored: Synthea's information
 * bundles (organizations, locations, practitioners, which patient bundles reference conditionally)
 * first, then the patient bundles, each group by name.
 */
final class SampleBundles {

    private SampleBundles() {}

    static List<Resource> find(ResourcePatternResolver resolver, String location) {
        List<Resource> files = new ArrayList<>();
        try {
            files.addAll(List.of(resolver.getResources(location + "*.json")));
            files.addAll(List.of(resolver.getResources(location + "*.json.gz")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list sample data in " + location, e);
        }
        files.removeIf(file -> !file.exists());
        files.sort(Comparator.comparing((Resource file) -> !isInformation(file)).thenComparing(SampleBundles::name));
        return files;
    }

    static boolean isInformation(Resource file) {
        return name(file).toLowerCase(java.util.Locale.ROOT).contains("information");
    }

    static String read(Resource file) {
        try (InputStream raw = file.getInputStream();
                InputStream in = name(file).endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read sample bundle " + name(file), e);
        }
    }

    static String name(Resource file) {
        return file.getFilename() == null ? file.getDescription() : file.getFilename();
    }
}
