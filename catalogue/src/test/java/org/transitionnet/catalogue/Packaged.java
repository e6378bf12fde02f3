package org.transitionnet.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The shipped catalogue as this module's jar holds it, loaded without the checks (the tests run them). */
final class Packaged {

    private Packaged() {}

    static MappingCatalogue unchecked() {
        ClassLoader loader = Packaged.class.getClassLoader();
        try (InputStream states = loader.getResourceAsStream(
                        CatalogueLoader.CLASSPATH_DIRECTORY + CatalogueLoader.STATE_VARIABLES_FILE);
                InputStream actions = loader.getResourceAsStream(
                        CatalogueLoader.CLASSPATH_DIRECTORY + CatalogueLoader.ACTION_CLASSES_FILE);
                InputStream conditions = loader.getResourceAsStream(
                        CatalogueLoader.CLASSPATH_DIRECTORY + CatalogueLoader.CONDITION_CLASSES_FILE)) {
            return new CatalogueLoader().load(states, actions, conditions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
