package org.transitionnet.server.release.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.transitionnet.catalogue.CatalogueLoader;
import org.transitionnet.catalogue.MappingCatalogue;

class ReleasePolicyConfigTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(ReleasePolicyConfig.class, PropertiesOnly.class)
            // The registry is only handed on here; HAPI's own wiring of it wants a FhirContext.
            .withBean(FhirContext.class, FhirContext::forR4Cached)
            .withBean(DaoRegistry.class, () -> mock(DaoRegistry.class))
            // The adverse-event policy checks its withheld categories against the catalogue's condition classes.
            .withBean(MappingCatalogue.class, () -> new CatalogueLoader().loadPackaged());

    @EnableConfigurationProperties(ReleasePolicyProperties.class)
    static class PropertiesOnly {}

    @Test
    void consentIsOptOutUnlessSetUnderTheReleasePrefix() {
        context.run(c -> {
            assertThat(c).hasSingleBean(ResearchPatients.class);
            assertThat(c.getBean(ReleasePolicyProperties.class).consentMode()).isEqualTo(ConsentPolicy.Mode.OPT_OUT);
        });
        context.withPropertyValues("transitionnet.release.consent=opt-in")
                .run(c -> assertThat(c.getBean(ReleasePolicyProperties.class).consentMode())
                        .isEqualTo(ConsentPolicy.Mode.OPT_IN));
    }

    @Test
    void anUnknownConsentModeStopsTheStart() {
        context.withPropertyValues("transitionnet.release.consent=sometimes")
                .run(c -> assertThat(c).hasFailed());
    }

    @Test
    void theConsentUnderItsFormerExportNameIsRefusedNotIgnored() {
        context.withPropertyValues("transitionnet.export.consent=opt-in").run(c -> {
            assertThat(c).hasFailed();
            assertThat(c.getStartupFailure()).rootCause().hasMessageContaining("transitionnet.release.consent");
        });
    }
}
