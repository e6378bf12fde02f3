package org.transitionnet.ig.site;

import static java.nio.charset.StandardCharsets.UTF_8;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.hl7.fhir.r4.model.Resource;

/**
 * The built FHIR NPM package as the rendered IG sees it: its identity from {@code package.json}, its
 * conformance resources and its examples ({@code package/example/}). The site is generated from the
 * finished package, so it shows exactly what implementers download.
 */
record PackageContents(
        String name,
        String version,
        String title,
        String canonical,
        String description,
        List<Resource> conformance,
        List<Resource> examples) {

    static final Comparator<Resource> BY_TYPE_AND_ID = Comparator.comparing(Resource::fhirType)
            .thenComparing(r -> r.getIdElement().getIdPart());

    static PackageContents read(Path packageTgz, FhirContext ctx) throws IOException {
        List<Resource> conformance = new ArrayList<>();
        List<Resource> examples = new ArrayList<>();
        JsonNode manifest = null;
        try (InputStream in = Files.newInputStream(packageTgz);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                // package/other/ holds files that are not FHIR resources (the export manifest, a research record).
                if (entry.isDirectory() || !name.endsWith(".json") || name.startsWith("package/other/")) {
                    continue;
                }
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                tar.transferTo(content);
                String json = content.toString(UTF_8);
                String fileName = name.substring(name.lastIndexOf('/') + 1);
                if (name.equals("package/package.json")) {
                    manifest = new ObjectMapper().readTree(json);
                } else if (!fileName.startsWith(".") && !fileName.equals("package.json")) {
                    Resource resource = (Resource) ctx.newJsonParser().parseResource(json);
                    (name.startsWith("package/example/") ? examples : conformance).add(resource);
                }
            }
        }
        if (manifest == null) {
            throw new IllegalStateException(packageTgz + " has no package/package.json");
        }
        conformance.sort(BY_TYPE_AND_ID);
        examples.sort(BY_TYPE_AND_ID);
        return new PackageContents(
                manifest.path("name").asText(),
                manifest.path("version").asText(),
                manifest.path("title").asText(manifest.path("name").asText()),
                manifest.path("canonical").asText(),
                manifest.path("description").asText(),
                List.copyOf(conformance),
                List.copyOf(examples));
    }

    List<Resource> all() {
        List<Resource> all = new ArrayList<>(conformance);
        all.addAll(examples);
        return all;
    }
}
