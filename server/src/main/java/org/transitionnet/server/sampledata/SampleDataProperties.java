package org.transitionnet.server.sampledata;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sample data for the quick start: Synthea bundles stored into an empty database at the first start, so
 * that {@code $transitions}, {@code $trajectory}, the viewer and the research export have something to show.
 *
 * @param enabled  load them (profile {@code quickstart}); never in production
 * @param location Spring resource folder with the bundles ({@code *.json}, {@code *.json.gz}); by default
 *                 the three committed Synthea fixture patients and their organizations and practitioners
 */
@ConfigurationProperties("transitionnet.sample-data")
public record SampleDataProperties(Boolean enabled, String location) {

    public static final String DEFAULT_LOCATION = "classpath:sample-data/synthea/";

    public SampleDataProperties {
        enabled = enabled != null && enabled;
        location = location == null || location.isBlank()
                ? DEFAULT_LOCATION
                : location.endsWith("/") ? location : location + "/";
    }
}
