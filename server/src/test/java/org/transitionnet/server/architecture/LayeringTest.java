package org.transitionnet.server.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layers honest: record → derivation → release → product, platform below all and the application
 * wiring above. Fails when a package refers to a higher layer, when packages refer to each other in a circle,
 * or when a package belongs to no layer.
 */
class LayeringTest {

    private static final PackageGraph SERVER = PackageGraph.read(Path.of("src/main/java"));

    @Test
    void theServerHasItsPackages() {
        assertThat(SERVER.packages())
                .contains("record.facts", "derivation.transition", "release.deid", "product.export", "app");
    }

    @Test
    void everyPackageBelongsToALayer() {
        assertThat(SERVER.packages().stream().filter(p -> Layers.of(p).isEmpty()))
                .as("packages in no layer (add them to Layers)")
                .isEmpty();
    }

    @Test
    void noPackageRefersToAHigherLayer() {
        assertThat(upwardReferences(SERVER)).as("references to a higher layer").isEmpty();
    }

    @Test
    void noPackagesReferToEachOtherInACircle() {
        assertThat(SERVER.cycles()).as("package cycles").isEmpty();
    }

    @Test
    void anUpwardReferenceIsFound() {
        PackageGraph graph = new PackageGraph();
        graph.addSource(
                "FactStore.java",
                "package org.transitionnet.server.record.facts;\n"
                        + "import org.transitionnet.server.derivation.transition.TransitionDeriver;\n");
        assertThat(upwardReferences(graph)).containsExactly("record.facts -> derivation.transition (FactStore.java)");
    }

    @Test
    void aJavadocLinkCountsAsAReference() {
        PackageGraph graph = new PackageGraph();
        graph.addSource(
                "Jobs.java",
                "package org.transitionnet.server.async;\n/** See {@link org.transitionnet.server.product.export.X}. */\n");
        assertThat(upwardReferences(graph)).containsExactly("async -> product.export (Jobs.java)");
    }

    @Test
    void aCycleIsFound() {
        PackageGraph graph = new PackageGraph();
        graph.addEdge("product.export", "product.export.job");
        graph.addEdge("product.export.job", "product.export");
        graph.addEdge("product.export", "release.deid");
        assertThat(graph.cycles()).hasSize(1);
        assertThat(graph.cycles().get(0)).containsExactly("product.export", "product.export.job");
    }

    private static List<String> upwardReferences(PackageGraph graph) {
        List<String> upward = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> from : graph.edges().entrySet()) {
            Optional<Layers> fromLayer = Layers.of(from.getKey());
            for (Map.Entry<String, String> to : from.getValue().entrySet()) {
                Optional<Layers> toLayer = Layers.of(to.getKey());
                if (fromLayer.isPresent()
                        && toLayer.isPresent()
                        && toLayer.get().ordinal() > fromLayer.get().ordinal()) {
                    upward.add(from.getKey() + " -> " + to.getKey() + " (" + to.getValue() + ")");
                }
            }
        }
        return upward;
    }
}
