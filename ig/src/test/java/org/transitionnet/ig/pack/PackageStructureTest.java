package org.transitionnet.ig.pack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.transitionnet.ig.IgPackage;

/** The package is a standard FHIR NPM package the server (and other tools) can load. */
class PackageStructureTest {

    @Test
    void manifestNamesThePackageAndItsCoreDependency() {
        JsonNode manifest = IgPackage.json("package/package.json");
        assertThat(manifest.path("name").asText()).isEqualTo("transitionnet.fhir.ig");
        assertThat(manifest.path("version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(manifest.path("canonical").asText()).isEqualTo("http://transitionnet.org/fhir");
        assertThat(manifest.path("fhirVersions").get(0).asText()).isEqualTo("4.0.1");
        assertThat(manifest.path("dependencies").path("hl7.fhir.r4.core").asText())
                .isEqualTo("4.0.1");
    }

    @Test
    void indexesListEveryResourceOfTheirFolder() {
        assertIndexMatchesFolder("package/", "package/.index.json");
        assertIndexMatchesFolder("package/example/", "package/example/.index.json");
    }

    @Test
    void definitionsShipWithSnapshotsAndUnderTheCanonicalBase() {
        for (JsonNode file : IgPackage.json("package/.index.json").path("files")) {
            JsonNode resource =
                    IgPackage.json("package/" + file.path("filename").asText());
            assertThat(resource.path("url").asText()).startsWith("http://transitionnet.org/fhir/");
            if (file.path("resourceType").asText().equals("StructureDefinition")) {
                assertThat(resource.path("snapshot").path("element").size())
                        .as(file.toString())
                        .isPositive();
            }
        }
    }

    @Test
    void everyDefinitionCarriesThePackageVersion() {
        for (JsonNode file : IgPackage.json("package/.index.json").path("files")) {
            JsonNode resource =
                    IgPackage.json("package/" + file.path("filename").asText());
            assertThat(resource.path("version").asText())
                    .as(file.path("filename").asText())
                    .isEqualTo(IgPackage.version());
        }
    }

    @Test
    void exportManifestExampleHasTheBulkDataFields() {
        JsonNode manifest = IgPackage.json("package/other/research-export-manifest-example.json");
        assertThat(manifest.path("transactionTime").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(manifest.path("request").asText()).contains("$research-export");
        assertThat(manifest.path("requiresAccessToken").isBoolean()).isTrue();
        assertThat(manifest.path("error").isArray()).isTrue();
        assertThat(manifest.path("output")).isNotEmpty().allSatisfy(o -> {
            assertThat(o.path("type").asText()).isIn("ResearchTransition", "Bundle");
            assertThat(o.path("url").asText()).contains("$research-export-file?_jobId=");
            assertThat(o.path("count").isInt()).isTrue();
        });
    }

    @Test
    void implementationGuideListsEveryResourceOfThePackage() {
        JsonNode ig = IgPackage.json("package/ImplementationGuide-transitionnet.fhir.ig.json");
        assertThat(ig.path("packageId").asText()).isEqualTo("transitionnet.fhir.ig");
        assertThat(ig.path("url").asText())
                .isEqualTo("http://transitionnet.org/fhir/ImplementationGuide/transitionnet.fhir.ig");
        Set<String> listed = new HashSet<>();
        ig.path("definition")
                .path("resource")
                .forEach(r -> listed.add(r.path("reference").path("reference").asText()));
        Set<String> shipped = new HashSet<>();
        for (String index : new String[] {"package/.index.json", "package/example/.index.json"}) {
            IgPackage.json(index)
                    .path("files")
                    .forEach(f -> shipped.add(
                            f.path("resourceType").asText() + "/" + f.path("id").asText()));
        }
        shipped.remove("ImplementationGuide/transitionnet.fhir.ig");
        assertThat(listed).isEqualTo(shipped);
    }

    @Test
    void everyProfileHasAnExample() {
        Set<String> exemplified = new HashSet<>();
        IgPackage.files().entrySet().stream()
                .filter(e ->
                        e.getKey().startsWith("package/example/") && !e.getKey().endsWith(".index.json"))
                .forEach(e -> IgPackage.json(e.getKey())
                        .path("meta")
                        .path("profile")
                        .forEach(p -> exemplified.add(p.asText())));
        Set<String> profiles = new HashSet<>();
        for (JsonNode file : IgPackage.json("package/.index.json").path("files")) {
            JsonNode sd = IgPackage.json("package/" + file.path("filename").asText());
            if ("resource".equals(sd.path("kind").asText())
                    && "constraint".equals(sd.path("derivation").asText())) {
                profiles.add(sd.path("url").asText());
            }
        }
        assertThat(profiles).hasSize(8);
        assertThat(exemplified).containsAll(profiles);
    }

    private static void assertIndexMatchesFolder(String folder, String index) {
        Set<String> indexed = new HashSet<>();
        IgPackage.json(index)
                .path("files")
                .forEach(f -> indexed.add(folder + f.path("filename").asText()));
        Set<String> present = new HashSet<>();
        IgPackage.files().keySet().stream()
                .filter(n ->
                        n.startsWith(folder) && !n.substring(folder.length()).contains("/"))
                .filter(n -> !n.endsWith("package.json") && !n.endsWith(".index.json"))
                .forEach(present::add);
        assertThat(indexed).isEqualTo(present);
    }
}
