package org.transitionnet.server.security;

import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The OAuth endpoints that discovery and the CapabilityStatement announce: only endpoints that exist. The
 * embedded authorization server's {@code /oauth2/authorize} and {@code /oauth2/token} are announced while it
 * runs; without it only endpoints an operator configured for an external issuer are, so a client is never
 * sent to a path that answers 401 or 404.
 */
public record AdvertisedEndpoints(Optional<String> authorizationEndpoint, Optional<String> tokenEndpoint) {

    static final String AUTHORIZATION_ENDPOINT = "transitionnet.security.authorization-endpoint";
    static final String TOKEN_ENDPOINT = "transitionnet.security.token-endpoint";
    static final String EMBEDDED_SERVER = "transitionnet.security.authorization-server.enabled";

    public static AdvertisedEndpoints of(SecurityProperties security, Environment environment) {
        boolean embedded = environment.getProperty(EMBEDDED_SERVER, Boolean.class, false);
        return new AdvertisedEndpoints(
                announced(embedded, environment, AUTHORIZATION_ENDPOINT, security.authorizationEndpoint()),
                announced(embedded, environment, TOKEN_ENDPOINT, security.tokenEndpoint()));
    }

    private static Optional<String> announced(
            boolean embedded, Environment environment, String property, String effective) {
        return embedded || StringUtils.hasText(environment.getProperty(property))
                ? Optional.of(effective)
                : Optional.empty();
    }
}
