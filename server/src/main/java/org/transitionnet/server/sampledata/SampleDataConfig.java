package org.transitionnet.server.sampledata;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.transitionnet.server.config.StartupLock;

/** Sample data for the quick start, only when {@code transitionnet.sample-data.enabled} is true. */
@Configuration
@ConditionalOnProperty(name = "transitionnet.sample-data.enabled", havingValue = "true")
public class SampleDataConfig {

    @Bean
    public SampleDataLoader sampleDataLoader(
            SampleDataProperties properties,
            DaoRegistry daos,
            FhirContext fhirContext,
            ResourcePatternResolver resources,
            StartupLock startupLock) {
        return new SampleDataLoader(properties, daos, fhirContext, resources, startupLock);
    }
}
