package org.transitionnet.loader.ndjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.transitionnet.loader.BundleFiles;
import org.transitionnet.loader.TypeExclusion;

/**
 * Turns a Synthea export (transaction bundles) into NDJSON files for Bulk Data {@code $import}.
 *
 * <ul>
 *   <li>Every resource gets the id it will have on the server: Synthea's uuid (its {@code urn:uuid:} fullUrl,
 *       or its own id). The server's import stores a resource that has an id under that id.</li>
 *   <li>References become {@code Type/id}: {@code urn:uuid:} references through the fullUrls, conditional
 *       references ({@code Practitioner?identifier=system|value}) through the identifiers of the information
 *       bundles' resources. What cannot be resolved is left as is and counted.</li>
 *   <li>Resources are split into waves: a resource's wave is one more than the highest wave of the resources it
 *       references. The server writes the chunks of one import in parallel, so each wave is imported as its own
 *       job, after the previous one completed: nothing is written before what it references.</li>
 * </ul>
 * Information bundles are read together first (they reference each other by identifier); each patient bundle is
 * then converted on its own, so memory holds one bundle at a time. Files are {@code wave-<n>-<Type>.ndjson}.
 */
public final class NdjsonConverter {

    private static final String URN_UUID = "urn:uuid:";

    /** One NDJSON file: its wave, resource type, path and number of lines. */
    public record NdjsonFile(int wave, String type, Path path, long lines) {}

    /** The files written, what was left out, and the references that could not be resolved. */
    public record Result(List<NdjsonFile> files, Map<String, Integer> excluded, long unresolvedReferences) {
        public long resources() {
            return files.stream().mapToLong(NdjsonFile::lines).sum();
        }

        public int waves() {
            return files.stream().mapToInt(NdjsonFile::wave).max().orElse(-1) + 1;
        }

        /** Resources per type over all waves. */
        public Map<String, Long> perType() {
            Map<String, Long> counts = new TreeMap<>();
            files.forEach(f -> counts.merge(f.type(), f.lines(), Long::sum));
            return counts;
        }
    }

    private final ObjectMapper mapper;
    private final TypeExclusion exclusion;
    private final Path outputDir;
    private final Map<String, String> conditionalTargets = new HashMap<>();
    private final Map<String, Integer> informationWaves = new HashMap<>();
    private final Map<String, FileSink> sinks = new TreeMap<>();
    private final Map<String, Integer> excluded = new TreeMap<>();
    private long unresolved;

    public NdjsonConverter(ObjectMapper mapper, TypeExclusion exclusion, Path outputDir) {
        this.mapper = mapper;
        this.exclusion = exclusion;
        this.outputDir = outputDir;
    }

    public Result convert(BundleFiles.InputSet input) throws IOException {
        Files.createDirectories(outputDir);
        try {
            List<ObjectNode> information = new ArrayList<>();
            for (Path file : input.informationBundles()) {
                information.add(prepare(BundleFiles.read(file, mapper)));
            }
            registerIdentifiers(information);
            Map<String, Integer> waves = write(information, Map.of());
            informationWaves.putAll(waves);
            for (Path file : input.patientBundles()) {
                write(List.of(prepare(BundleFiles.read(file, mapper))), informationWaves);
            }
        } finally {
            for (FileSink sink : sinks.values()) {
                sink.writer.close();
            }
        }
        List<NdjsonFile> files = sinks.values().stream()
                .map(s -> new NdjsonFile(s.wave, s.type, s.path, s.lines))
                .toList();
        return new Result(files, excluded, unresolved);
    }

    private ObjectNode prepare(ObjectNode bundle) {
        exclusion.apply(bundle).droppedEntries().forEach((type, n) -> excluded.merge(type, n, Integer::sum));
        for (JsonNode entry : bundle.path("entry")) {
            if (entry.get("resource") instanceof ObjectNode resource) {
                resource.put("id", idOf(entry, resource));
            }
        }
        return bundle;
    }

    /** {@code Type?identifier=system|value} of each information resource, to resolve conditional references. */
    private void registerIdentifiers(List<ObjectNode> bundles) {
        for (ObjectNode bundle : bundles) {
            for (JsonNode entry : bundle.path("entry")) {
                JsonNode resource = entry.path("resource");
                String type = resource.path("resourceType").asText();
                for (JsonNode identifier : resource.path("identifier")) {
                    String system = identifier.path("system").asText("");
                    String value = identifier.path("value").asText("");
                    if (!value.isEmpty()) {
                        conditionalTargets.put(
                                type + "?identifier=" + (system.isEmpty() ? "" : system + "|") + value, key(resource));
                    }
                }
                String ifNoneExist = entry.path("request").path("ifNoneExist").asText("");
                if (!ifNoneExist.isEmpty()) {
                    conditionalTargets.put(type + "?" + ifNoneExist, key(resource));
                }
            }
        }
    }

    /**
     * Rewrites the references of the bundles' resources and appends each resource to its wave's file; returns the
     * wave of each resource. {@code known}: waves of resources outside these bundles that they may reference.
     */
    private Map<String, Integer> write(List<ObjectNode> bundles, Map<String, Integer> known) throws IOException {
        Map<String, String> addresses = new HashMap<>();
        List<ObjectNode> resources = new ArrayList<>();
        for (ObjectNode bundle : bundles) {
            for (JsonNode entry : bundle.path("entry")) {
                if (entry.get("resource") instanceof ObjectNode resource) {
                    String key = key(resource);
                    String fullUrl = entry.path("fullUrl").asText("");
                    if (!fullUrl.isEmpty()) {
                        addresses.put(fullUrl, key);
                    }
                    addresses.put(key, key);
                    resources.add(resource);
                }
            }
        }
        Map<String, Set<String>> references = new HashMap<>();
        for (ObjectNode resource : resources) {
            Set<String> targets = new HashSet<>();
            rewrite(resource, addresses, targets);
            references.put(key(resource), targets);
        }
        Map<String, Integer> waves = new HashMap<>();
        for (ObjectNode resource : resources) {
            int wave = wave(key(resource), references, known, waves, new HashSet<>());
            sink(wave, resource.path("resourceType").asText()).append(mapper.writeValueAsString(resource));
        }
        return waves;
    }

    private void rewrite(JsonNode node, Map<String, String> addresses, Set<String> targets) {
        JsonNode reference = node.get("reference");
        if (node instanceof ObjectNode object && reference != null && reference.isTextual()) {
            String text = reference.asText();
            String target = addresses.get(text);
            if (target == null && text.contains("?")) {
                target = conditionalTargets.get(text);
            }
            if (target != null) {
                object.put("reference", target);
                targets.add(target);
            } else if (text.startsWith(URN_UUID) || text.contains("?")) {
                unresolved++;
            }
        }
        for (JsonNode child : node) {
            if (child.isContainerNode()) {
                rewrite(child, addresses, targets);
            }
        }
    }

    /** One more than the highest wave referenced; a reference cycle is cut where it closes. */
    static int wave(
            String key,
            Map<String, Set<String>> references,
            Map<String, Integer> known,
            Map<String, Integer> waves,
            Set<String> path) {
        Integer done = waves.get(key);
        if (done == null) {
            done = known.get(key);
        }
        if (done != null) {
            return done;
        }
        if (!references.containsKey(key) || !path.add(key)) {
            return -1;
        }
        int wave = 0;
        for (String target : references.get(key)) {
            if (!target.equals(key)) {
                wave = Math.max(wave, wave(target, references, known, waves, path) + 1);
            }
        }
        path.remove(key);
        waves.put(key, wave);
        return wave;
    }

    private FileSink sink(int wave, String type) throws IOException {
        String name = "wave-" + wave + "-" + type + ".ndjson";
        FileSink sink = sinks.get(name);
        if (sink == null) {
            Path path = outputDir.resolve(name);
            sink = new FileSink(wave, type, path, Files.newBufferedWriter(path, StandardCharsets.UTF_8));
            sinks.put(name, sink);
        }
        return sink;
    }

    private static String key(JsonNode resource) {
        return resource.path("resourceType").asText() + "/"
                + resource.path("id").asText();
    }

    private static String idOf(JsonNode entry, JsonNode resource) {
        String fullUrl = entry.path("fullUrl").asText("");
        if (fullUrl.startsWith(URN_UUID)) {
            return fullUrl.substring(URN_UUID.length());
        }
        String id = resource.path("id").asText("");
        if (id.isEmpty()) {
            throw new IllegalArgumentException(
                    "A " + resource.path("resourceType").asText() + " entry has neither an id nor a urn:uuid fullUrl");
        }
        return id;
    }

    private static final class FileSink {
        final int wave;
        final String type;
        final Path path;
        final BufferedWriter writer;
        long lines;

        FileSink(int wave, String type, Path path, BufferedWriter writer) {
            this.wave = wave;
            this.type = type;
            this.path = path;
            this.writer = writer;
        }

        void append(String line) {
            try {
                writer.write(line);
                writer.write('\n');
                lines++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
