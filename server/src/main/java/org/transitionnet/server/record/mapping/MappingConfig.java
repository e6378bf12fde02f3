package org.transitionnet.server.record.mapping;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.transitionnet.catalogue.MappingCatalogue;

/** The mapping catalogue (rules as data, read and checked at start) and what it says about source resource types. */
@Configuration
public class MappingConfig {

    private static final Logger log = LoggerFactory.getLogger(MappingConfig.class);

    @Bean
    public MappingCatalogue mappingCatalog(ResourceLoader resources, MappingProperties properties) {
        MappingCatalogue catalog = new MappingCatalogLoader(resources).load(properties.location());
        log.info(
                "Mapping catalogue {} loaded from {}: {} state variables, {} action kinds, {} action classes",
                catalog.version(),
                properties.location(),
                catalog.stateVariables().size(),
                catalog.actionKinds().size(),
                catalog.actionClasses().size());
        return catalog;
    }

    @Bean
    public SourceTypes sourceTypes(MappingCatalogue catalog) {
        return new SourceTypes(catalog);
    }
}
