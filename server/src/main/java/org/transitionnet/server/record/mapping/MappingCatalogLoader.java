package org.transitionnet.server.record.mapping;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.transitionnet.catalogue.CatalogueException;
import org.transitionnet.catalogue.CatalogueLoader;
import org.transitionnet.catalogue.MappingCatalogue;

/**
 * Reads the catalogue from a Spring resource location (classpath, file, ...), so that
 * {@code transitionnet.mapping.location} can point anywhere; parsing and every check are the
 * catalogue module's ({@link CatalogueLoader#loadValid}), the same the IG build applies.
 */
public class MappingCatalogLoader {

    private final ResourceLoader resources;

    public MappingCatalogLoader(ResourceLoader resources) {
        this.resources = resources;
    }

    /**
     * @param location a folder ending in {@code /} holding the state-variable and action-class files and, optionally,
     *                 the condition classes (without them no condition is classified)
     */
    public MappingCatalogue load(String location) {
        Resource states = resources.getResource(location + CatalogueLoader.STATE_VARIABLES_FILE);
        Resource actions = resources.getResource(location + CatalogueLoader.ACTION_CLASSES_FILE);
        Resource conditions = resources.getResource(location + CatalogueLoader.CONDITION_CLASSES_FILE);
        try (InputStream statesIn = states.getInputStream();
                InputStream actionsIn = actions.getInputStream();
                InputStream conditionsIn = conditions.exists() ? conditions.getInputStream() : null) {
            return new CatalogueLoader().loadValid(statesIn, actionsIn, conditionsIn);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot read the mapping catalogue at " + location + ": " + e.getMessage(), e);
        } catch (CatalogueException e) {
            throw new IllegalStateException("Mapping catalogue at " + location + " refused: " + e.getMessage(), e);
        }
    }
}
