package org.transitionnet.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class AdvertisedEndpointsTest {

    private static final SecurityProperties DEFAULTS =
            new SecurityProperties(true, "https://fhir.example.org", null, null, null, null, null, null);

    @Test
    void theEmbeddedAuthorizationServersEndpointsAreAnnouncedWhileItRuns() {
        AdvertisedEndpoints endpoints = AdvertisedEndpoints.of(
                DEFAULTS,
                new MockEnvironment().withProperty("transitionnet.security.authorization-server.enabled", "true"));

        assertThat(endpoints.authorizationEndpoint()).contains("https://fhir.example.org/oauth2/authorize");
        assertThat(endpoints.tokenEndpoint()).contains("https://fhir.example.org/oauth2/token");
    }

    @Test
    void withoutItNoDefaultEndpointIsAnnounced() {
        AdvertisedEndpoints endpoints = AdvertisedEndpoints.of(
                DEFAULTS,
                new MockEnvironment()
                        .withProperty("transitionnet.security.authorization-server.enabled", "false")
                        .withProperty("transitionnet.security.token-endpoint", ""));

        assertThat(endpoints.authorizationEndpoint()).isEmpty();
        assertThat(endpoints.tokenEndpoint()).isEmpty();
    }

    @Test
    void endpointsConfiguredForAnExternalIssuerAreAnnounced() {
        SecurityProperties keycloak = new SecurityProperties(
                true,
                "https://idp.example.org/realms/tn",
                null,
                null,
                "https://idp.example.org/auth",
                "https://idp.example.org/token",
                null,
                null);
        AdvertisedEndpoints endpoints = AdvertisedEndpoints.of(
                keycloak,
                new MockEnvironment()
                        .withProperty("transitionnet.security.authorization-endpoint", "https://idp.example.org/auth")
                        .withProperty("transitionnet.security.token-endpoint", "https://idp.example.org/token"));

        assertThat(endpoints.authorizationEndpoint()).contains("https://idp.example.org/auth");
        assertThat(endpoints.tokenEndpoint()).contains("https://idp.example.org/token");
    }
}
