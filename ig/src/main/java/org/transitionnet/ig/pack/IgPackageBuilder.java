package org.transitionnet.ig.pack;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.transitionnet.catalogue.CatalogueLoader;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.ig.terminology.TerminologyGenerator;

/**
 * Assembles the FHIR NPM package from the committed SUSHI output and the terminology generated from
 * the mapping catalogue. Runs in the Maven build with a JDK only.
 *
 * <p>Arguments: {@code --sushi-config=} {@code --fsh-generated=} {@code --mappings=} {@code --out=}
 * and optionally {@code --other=} (a folder whose JSON files go to {@code package/other/}) and
 * {@code --copy-to=} (the classpath location inside the jar).
 */
public final class IgPackageBuilder {

    /** Resource types that are definitions; every other resource SUSHI writes is an example. */
    private static final Set<String> CONFORMANCE_TYPES = Set.of(
            "StructureDefinition",
            "ValueSet",
            "CodeSystem",
            "ConceptMap",
            "SearchParameter",
            "OperationDefinition",
            "CapabilityStatement",
            "NamingSystem",
            "ImplementationGuide",
            "StructureMap");

    private final FhirContext ctx;

    public IgPackageBuilder(FhirContext ctx) {
        this.ctx = ctx;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = parse(args);
        IgConfig config = IgConfig.read(Path.of(options.get("sushi-config")));
        IgPackageBuilder builder = new IgPackageBuilder(FhirContext.forR4Cached());
        List<PackageResource> resources =
                builder.collect(config, Path.of(options.get("fsh-generated")), Path.of(options.get("mappings")));
        Path out = Path.of(options.get("out"));
        SortedMap<String, byte[]> other = new TreeMap<>();
        if (options.containsKey("other")) {
            try (Stream<Path> files = Files.list(Path.of(options.get("other")))) {
                for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".json"))
                        .toList()) {
                    other.put(file.getFileName().toString(), Files.readAllBytes(file));
                }
            }
        }
        new NpmPackageWriter(builder.ctx).write(config, resources, other, out);
        if (options.containsKey("copy-to")) {
            Path copy = Path.of(options.get("copy-to"));
            Files.createDirectories(copy.getParent());
            Files.copy(out, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.printf(
                "Wrote %s#%s (%d resources) to %s%n", config.packageName(), config.version(), resources.size(), out);
    }

    public List<PackageResource> collect(IgConfig config, Path fshGenerated, Path mappings) throws IOException {
        MappingCatalogue catalogue = new CatalogueLoader().loadValid(mappings);
        List<IBaseResource> fromFsh = readAll(fshGenerated);
        List<IBaseResource> conformance = new ArrayList<>(
                new TerminologyGenerator(config.canonical(), config.version(), catalogue.version(), IgConfig.PUBLISHER)
                        .generate(catalogue));
        List<StructureDefinition> definitions = new ArrayList<>();
        List<IBaseResource> examples = new ArrayList<>();
        for (IBaseResource r : fromFsh) {
            if (r instanceof StructureDefinition sd) {
                definitions.add(sd);
            } else if (CONFORMANCE_TYPES.contains(r.fhirType())) {
                conformance.add(r);
            } else {
                examples.add(r);
            }
        }
        rejectDuplicates(conformance, definitions, examples);
        // One version for the whole guide: FSH instances (SearchParameters, OperationDefinitions) carry
        // none unless written out, and generated terminology follows the same rule.
        Stream.concat(conformance.stream(), definitions.stream())
                .filter(MetadataResource.class::isInstance)
                .map(MetadataResource.class::cast)
                .forEach(r -> r.setVersion(config.version()));
        List<PackageResource> result = new ArrayList<>();
        new SnapshotGenerator(ctx)
                .withSnapshots(definitions, conformance)
                .forEach(sd -> result.add(new PackageResource(sd, false)));
        conformance.forEach(r -> result.add(new PackageResource(r, false)));
        examples.forEach(r -> result.add(new PackageResource(r, true)));
        result.add(new PackageResource(new ImplementationGuideGenerator().generate(config, result), false));
        return result;
    }

    private List<IBaseResource> readAll(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> json = files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
            List<IBaseResource> resources = new ArrayList<>();
            for (Path file : json) {
                resources.add(ctx.newJsonParser().parseResource(Files.readString(file)));
            }
            return resources;
        }
    }

    /** A generated resource must not shadow a hand-written one with the same type and id. */
    private static void rejectDuplicates(
            List<IBaseResource> conformance, List<StructureDefinition> definitions, List<IBaseResource> examples) {
        Map<String, Integer> seen = new HashMap<>();
        Stream.of(conformance, definitions, examples)
                .flatMap(List::stream)
                .map(r -> r.fhirType() + "/" + r.getIdElement().getIdPart())
                .forEach(key -> seen.merge(key, 1, Integer::sum));
        seen.forEach((key, count) -> {
            if (count > 1) {
                throw new IllegalStateException("Two package resources are both " + key);
            }
        });
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Expected --name=value, got " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        for (String required : List.of("sushi-config", "fsh-generated", "mappings", "out")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("Missing --" + required + "=");
            }
        }
        return options;
    }
}
