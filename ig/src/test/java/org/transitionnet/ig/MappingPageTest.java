package org.transitionnet.ig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.catalogue.StateVariable;

/** The hand-written mapping tables page names the current version, every id and every LOINC code. */
class MappingPageTest {

    private final MappingCatalogue catalogue = Catalogues.packaged();

    @Test
    void pageCoversTheCatalogue() throws IOException {
        String page = Files.readString(Path.of("pages", "mappings.md"));
        assertThat(page).contains("Catalogue version " + catalogue.version());
        for (StateVariable v : catalogue.stateVariables()) {
            String row = page.lines()
                    .filter(l -> l.startsWith("| `" + v.id() + "` "))
                    .findFirst()
                    .orElse("");
            assertThat(row)
                    .as("row of %s", v.id())
                    .isNotEmpty()
                    .contains(v.canonicalUnit(), v.desirableDirection().code());
            v.measurements()
                    .forEach(m -> assertThat(row).contains(m.measuredCode().code()));
        }
        catalogue.actionClasses().forEach(c -> assertThat(page).contains("`" + c.id() + "`"));
    }
}
