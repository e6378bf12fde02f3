package org.transitionnet.server.record.mapping;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the mapping catalogue is read from.
 *
 * @param location folder (Spring resource location) holding {@code state-variables.yaml} and
 *                 {@code action-classes.yaml}; by default the catalogue packaged with the IG
 */
@ConfigurationProperties("transitionnet.mapping")
public record MappingProperties(String location) {

    public MappingProperties {
        location = location == null || location.isBlank() ? "classpath:transitionnet/mappings/" : location;
        if (!location.endsWith("/")) {
            location = location + "/";
        }
    }
}
