package org.transitionnet.server.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bearer-token security of the FHIR endpoint (SMART on FHIR resource server).
 *
 * @param enabled               security on (default); {@code false} only for a local quick start
 * @param issuer                expected {@code iss} of access tokens, and the issuer announced in discovery
 * @param audience              expected {@code aud} of access tokens (normally the FHIR base URL)
 * @param jwksUri               where the issuer publishes its signing keys; empty: {@code {issuer}/oauth2/jwks}
 * @param authorizationEndpoint announced in discovery; empty: {@code {issuer}/oauth2/authorize}
 * @param tokenEndpoint         announced in discovery; empty: {@code {issuer}/oauth2/token}
 * @param clockSkewSeconds      tolerance on {@code exp}/{@code nbf} for clocks that drift apart
 * @param capabilities          SMART capabilities announced in discovery; by default what this server and
 *                              its embedded authorization server support. Another issuer's deployment lists
 *                              what that issuer offers.
 */
@ConfigurationProperties("transitionnet.security")
public record SecurityProperties(
        Boolean enabled,
        String issuer,
        String audience,
        String jwksUri,
        String authorizationEndpoint,
        String tokenEndpoint,
        Integer clockSkewSeconds,
        java.util.List<String> capabilities) {

    public SecurityProperties {
        enabled = enabled == null || enabled;
        issuer = stripSlash(issuer == null || issuer.isBlank() ? "http://localhost:8080" : issuer);
        audience = audience == null || audience.isBlank() ? issuer + "/fhir" : audience;
        jwksUri = blankOr(jwksUri, issuer + "/oauth2/jwks");
        authorizationEndpoint = blankOr(authorizationEndpoint, issuer + "/oauth2/authorize");
        tokenEndpoint = blankOr(tokenEndpoint, issuer + "/oauth2/token");
        clockSkewSeconds = clockSkewSeconds == null ? 30 : clockSkewSeconds;
        capabilities = capabilities == null || capabilities.isEmpty()
                ? DEFAULT_CAPABILITIES
                : java.util.List.copyOf(capabilities);
    }

    /**
     * What is built and tested here: standalone and EHR launch with patient context, public, symmetric and asymmetric
     * clients, OpenID Connect sign-in ({@code openid}, {@code fhirUser}), refresh tokens ({@code offline_access},
     * {@code online_access}), v1 and v2 scopes.
     */
    public static final java.util.List<String> DEFAULT_CAPABILITIES = java.util.List.of(
            "launch-standalone",
            "launch-ehr",
            "client-public",
            "client-confidential-symmetric",
            "client-confidential-asymmetric",
            "context-standalone-patient",
            "context-ehr-patient",
            "sso-openid-connect",
            "permission-offline",
            "permission-online",
            "permission-patient",
            "permission-user",
            "permission-v1",
            "permission-v2");

    private static String blankOr(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
