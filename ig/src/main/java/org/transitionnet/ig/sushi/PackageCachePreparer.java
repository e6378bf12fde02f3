package org.transitionnet.ig.sushi;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Completes an offline FHIR package cache (for SUSHI and the HL7 validator tests). The R4 core definitions are unpacked from a
 * Maven Central jar that has no package.json, so one is written; the packages SUSHI adds on its
 * own (pinned in sushi-config.yaml) get empty stubs, since nothing in the FSH uses them.
 *
 * <p>Arguments: the {@code .fhir/packages} directory, the sushi-config.yaml path, then any further
 * {@code name#version} to stub (packages other tools insist on loading).
 */
public final class PackageCachePreparer {

    private static final String CORE = "hl7.fhir.r4.core";

    public static void main(String[] args) throws IOException {
        Path packages = Path.of(args[0]);
        Map<?, ?> config;
        try (Reader reader = Files.newBufferedReader(Path.of(args[1]))) {
            config = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        }
        String fhirVersion = String.valueOf(config.get("fhirVersion"));
        Path core = packages.resolve(CORE + "#" + fhirVersion).resolve("package");
        if (!Files.isDirectory(core)) {
            throw new IllegalStateException("R4 core package not unpacked at " + core);
        }
        writeManifest(core, CORE, fhirVersion, fhirVersion, "Core");
        Object dependencies = config.get("dependencies");
        if (dependencies instanceof Map<?, ?> deps) {
            for (Map.Entry<?, ?> dep : deps.entrySet()) {
                String name = String.valueOf(dep.getKey());
                String version = String.valueOf(dep.getValue());
                Path stub = packages.resolve(name + "#" + version).resolve("package");
                Files.createDirectories(stub);
                writeManifest(stub, name, version, fhirVersion, "IG");
            }
        }
        for (int i = 2; i < args.length; i++) {
            String[] nameAndVersion = args[i].split("#", 2);
            Path stub = packages.resolve(args[i]).resolve("package");
            Files.createDirectories(stub);
            writeManifest(stub, nameAndVersion[0], nameAndVersion[1], fhirVersion, "IG");
        }
    }

    private static void writeManifest(Path dir, String name, String version, String fhirVersion, String type)
            throws IOException {
        Path manifest = dir.resolve("package.json");
        if (Files.exists(manifest)) {
            return;
        }
        Files.writeString(manifest, """
        {"name": "%s", "version": "%s", "type": "%s", "fhirVersions": ["%s"], "dependencies": {}}
        """.formatted(name, version, type, fhirVersion));
    }
}
