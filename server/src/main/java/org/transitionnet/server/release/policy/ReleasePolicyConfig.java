package org.transitionnet.server.release.policy;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.transitionnet.catalogue.MappingCatalogue;

/**
 * The one reader of patients and their research consent ({@link ResearchPatients}) that every research output uses,
 * under {@code transitionnet.release.consent}, and the one adverse-event policy ({@link AdverseEventPolicy}, under
 * {@code transitionnet.release.adverse-events}) and the one set-valued k^m policy ({@link SetValuedPolicy}). A configuration that still sets the consent under its earlier name
 * ({@code transitionnet.export.consent}) is refused rather than read as the default, so that an opt-in server never
 * starts releasing under opt-out.
 */
@Configuration
public class ReleasePolicyConfig {

    static final String FORMER_CONSENT_PROPERTY = "transitionnet.export.consent";

    @Bean
    public ResearchPatients researchPatients(
            DaoRegistry daos, ReleasePolicyProperties properties, Environment environment) {
        if (environment.containsProperty(FORMER_CONSENT_PROPERTY)) {
            throw new IllegalStateException(FORMER_CONSENT_PROPERTY
                    + " is no longer read: set transitionnet.release.consent (opt-out or opt-in), which applies to "
                    + "research exports and benchmark datasets alike");
        }
        return new ResearchPatients(daos, new ConsentPolicy(properties.consentMode()));
    }

    /** k^m over the items each subject's records carry, generalizing along the catalogue's action-class hierarchy. */
    @Bean
    public SetValuedPolicy setValuedPolicy(MappingCatalogue catalog, ReleasePolicyProperties properties) {
        return SetValuedPolicy.of(catalog, properties.setValuedM());
    }

    /** Refuses to start on a withheld category the catalogue does not declare as sensitive. */
    @Bean
    public AdverseEventPolicy adverseEventPolicy(MappingCatalogue catalog, ReleasePolicyProperties properties) {
        ReleasePolicyProperties.AdverseEvents events = properties.adverseEvents();
        return new AdverseEventPolicy(catalog, events.withheldCategories(), events.releaseUnclassified(), events.l());
    }
}
