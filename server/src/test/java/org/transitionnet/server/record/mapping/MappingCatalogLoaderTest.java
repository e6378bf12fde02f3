package org.transitionnet.server.record.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

/** The server reads the catalogue from any Spring location and refuses an inconsistent one, as the IG build does. */
class MappingCatalogLoaderTest {

    @Test
    void readsThePackagedCatalogue() {
        assertThat(new MappingCatalogLoader(new DefaultResourceLoader())
                        .load("classpath:transitionnet/mappings/")
                        .actionKinds())
                .isNotEmpty();
    }

    @Test
    void refusesAnInconsistentCatalogue(@TempDir Path dir) throws IOException {
        Files.copy(Path.of("../mappings/state-variables.yaml"), dir.resolve("state-variables.yaml"));
        Files.writeString(
                dir.resolve("action-classes.yaml"),
                Files.readString(Path.of("../mappings/action-classes.yaml"))
                        .replace("parent: biguanides", "parent: no-such-class"));
        assertThatThrownBy(() -> new MappingCatalogLoader(new DefaultResourceLoader()).load("file:" + dir + "/"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("action class metformin has unknown parent no-such-class");
    }

    @Test
    void saysWhereACatalogueIsMissing(@TempDir Path dir) {
        assertThatThrownBy(() -> new MappingCatalogLoader(new DefaultResourceLoader()).load("file:" + dir + "/"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot read the mapping catalogue at file:" + dir);
    }
}
