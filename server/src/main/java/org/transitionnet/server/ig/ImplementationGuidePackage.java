package org.transitionnet.server.ig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.springframework.core.io.Resource;

/**
 * A FHIR NPM package read from a tarball: its bytes, its name and version, the profiles it defines
 * (StructureDefinitions that constrain a resource type), the operations it defines and the canonical URL
 * of its ImplementationGuide resource (null when it has none).
 */
public record ImplementationGuidePackage(
        String name,
        String version,
        byte[] contents,
        List<Profile> profiles,
        List<OperationDefinitionRef> operations,
        String implementationGuideUrl) {

    /** A profile of a resource type: the type it constrains and its canonical URL. */
    public record Profile(String type, String url) {}

    /**
     * An OperationDefinition of the package: its code (without {@code $}), canonical URL, the levels it is
     * defined on, the resource types of its type and instance levels, and the definition itself as JSON.
     */
    public record OperationDefinitionRef(
            String code,
            String url,
            boolean system,
            boolean type,
            boolean instance,
            List<String> resources,
            String json) {

        /** Whether this definition describes the operation {@code code} at the system level. */
        public boolean definesSystemOperation(String operationCode) {
            return system && code.equals(operationCode);
        }

        /** Whether this definition describes the operation {@code code} on the resource type {@code resourceType}. */
        public boolean definesResourceOperation(String resourceType, String operationCode) {
            return (type || instance) && resources.contains(resourceType) && code.equals(operationCode);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ImplementationGuidePackage read(Resource resource) {
        byte[] bytes;
        try (InputStream in = resource.getInputStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the IG package at " + resource + ": " + e.getMessage(), e);
        }
        String name = null;
        String version = null;
        List<Profile> profiles = new ArrayList<>();
        List<OperationDefinitionRef> operations = new ArrayList<>();
        String implementationGuideUrl = null;
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(bytes)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String path = entry.getName();
                if (path.equals("package/package.json")) {
                    JsonNode manifest = JSON.readTree(tar.readAllBytes());
                    name = manifest.path("name").asText();
                    version = manifest.path("version").asText();
                } else if (path.startsWith("package/StructureDefinition-") && path.endsWith(".json")) {
                    JsonNode sd = JSON.readTree(tar.readAllBytes());
                    if ("resource".equals(sd.path("kind").asText())
                            && "constraint".equals(sd.path("derivation").asText())) {
                        profiles.add(new Profile(
                                sd.path("type").asText(), sd.path("url").asText()));
                    }
                } else if (path.startsWith("package/OperationDefinition-") && path.endsWith(".json")) {
                    String json = new String(tar.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    JsonNode od = JSON.readTree(json);
                    List<String> types = new ArrayList<>();
                    od.path("resource").forEach(t -> types.add(t.asText()));
                    operations.add(new OperationDefinitionRef(
                            od.path("code").asText(),
                            od.path("url").asText(),
                            od.path("system").asBoolean(),
                            od.path("type").asBoolean(),
                            od.path("instance").asBoolean(),
                            List.copyOf(types),
                            json));
                } else if (path.startsWith("package/ImplementationGuide-") && path.endsWith(".json")) {
                    implementationGuideUrl =
                            JSON.readTree(tar.readAllBytes()).path("url").asText(null);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    "The IG package at " + resource + " is not a readable package.tgz: " + e.getMessage(), e);
        }
        if (name == null || name.isBlank() || version == null || version.isBlank()) {
            throw new IllegalStateException(
                    "The IG package at " + resource + " has no package/package.json with name and version");
        }
        return new ImplementationGuidePackage(
                name, version, bytes, List.copyOf(profiles), List.copyOf(operations), implementationGuideUrl);
    }
}
