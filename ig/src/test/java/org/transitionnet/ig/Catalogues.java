package org.transitionnet.ig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.transitionnet.catalogue.CatalogueLoader;
import org.transitionnet.catalogue.MappingCatalogue;

/** The catalogue as the catalogue jar ships it (transitionnet/mappings/), which is what the server reads. */
public final class Catalogues {

    public static final String CLASSPATH_DIR = CatalogueLoader.CLASSPATH_DIRECTORY;

    private Catalogues() {}

    public static MappingCatalogue packaged() {
        ClassLoader loader = Catalogues.class.getClassLoader();
        try (InputStream states = loader.getResourceAsStream(CLASSPATH_DIR + CatalogueLoader.STATE_VARIABLES_FILE);
                InputStream actions = loader.getResourceAsStream(CLASSPATH_DIR + CatalogueLoader.ACTION_CLASSES_FILE)) {
            return new CatalogueLoader().load(states, actions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
