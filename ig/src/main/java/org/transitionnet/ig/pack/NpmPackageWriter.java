package org.transitionnet.ig.pack;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;

/**
 * Writes a FHIR NPM package: {@code package/package.json}, {@code package/.index.json}, the
 * conformance resources in {@code package/}, the examples in {@code package/example/} (with
 * their own index) and examples of non-FHIR content (export manifest, research records) in
 * {@code package/other/}. Entries are sorted and timestamps fixed, so equal input gives an equal file.
 */
public final class NpmPackageWriter {

    private static final Date FIXED_TIME = new Date(1_767_225_600_000L); // 2026-01-01T00:00:00Z

    private final FhirContext ctx;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public NpmPackageWriter(FhirContext ctx) {
        this.ctx = ctx;
    }

    public void write(IgConfig config, List<PackageResource> resources, Path target) throws IOException {
        write(config, resources, new TreeMap<>(), target);
    }

    /** @param otherFiles file name to content, written to {@code package/other/} */
    public void write(
            IgConfig config, List<PackageResource> resources, SortedMap<String, byte[]> otherFiles, Path target)
            throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        List<PackageResource> sorted = resources.stream()
                .sorted(Comparator.comparing(PackageResource::example).thenComparing(PackageResource::fileName))
                .toList();
        IParser parser = ctx.newJsonParser().setPrettyPrint(true);
        try (OutputStream out = Files.newOutputStream(target);
                GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(out);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            add(tar, "package/package.json", json.writeValueAsBytes(packageJson(config)));
            add(tar, "package/.index.json", json.writeValueAsBytes(index(sorted, false)));
            add(tar, "package/example/.index.json", json.writeValueAsBytes(index(sorted, true)));
            for (PackageResource r : sorted) {
                String folder = r.example() ? "package/example/" : "package/";
                add(
                        tar,
                        folder + r.fileName(),
                        parser.encodeResourceToString(r.resource()).getBytes(StandardCharsets.UTF_8));
            }
            for (var other : otherFiles.entrySet()) {
                add(tar, "package/other/" + other.getKey(), other.getValue());
            }
        }
    }

    private ObjectNode packageJson(IgConfig config) {
        ObjectNode p = json.createObjectNode();
        p.put("name", config.packageName());
        p.put("version", config.version());
        p.put("canonical", config.canonical());
        p.put("url", config.canonical());
        p.put("title", config.title());
        p.put("description", config.description());
        p.put("author", IgConfig.PUBLISHER);
        p.put("license", "CC0-1.0");
        p.put("type", "fhir.ig");
        p.putArray("fhirVersions").add(config.fhirVersion());
        p.putObject("dependencies").put("hl7.fhir.r4.core", config.fhirVersion());
        return p;
    }

    private ObjectNode index(List<PackageResource> resources, boolean examples) {
        ObjectNode index = json.createObjectNode();
        index.put("index-version", 1);
        ArrayNode files = index.putArray("files");
        for (PackageResource r : resources) {
            if (r.example() != examples) {
                continue;
            }
            IBaseResource res = r.resource();
            ObjectNode f = files.addObject();
            f.put("filename", r.fileName());
            f.put("resourceType", res.fhirType());
            f.put("id", res.getIdElement().getIdPart());
            putChild(f, res, "url");
            putChild(f, res, "version");
            putChild(f, res, "kind");
            putChild(f, res, "type");
        }
        return index;
    }

    /** Copies a primitive top-level element (url, version, kind, type) into the index when present. */
    private void putChild(ObjectNode target, IBaseResource resource, String name) {
        var child = ctx.getResourceDefinition(resource).getChildByName(name);
        if (child == null) {
            return;
        }
        child.getAccessor()
                .getFirstValueOrNull(resource)
                .filter(IPrimitiveType.class::isInstance)
                .map(v -> ((IPrimitiveType<?>) v).getValueAsString())
                .ifPresent(v -> target.put(name, v));
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setModTime(FIXED_TIME);
        entry.setMode(0644);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
