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
 */
@ConfigurationProperties("transitionnet.security")
public record SecurityProperties(
		Boolean enabled,
		String issuer,
		String audience,
		String jwksUri,
		String authorizationEndpoint,
		String tokenEndpoint,
		Integer clockSkewSeconds) {

	public SecurityProperties {
		enabled = enabled == null || enabled;
		issuer = stripSlash(issuer == null || issuer.isBlank() ? "http://localhost:8080" : issuer);
		audience = audience == null || audience.isBlank() ? issuer + "/fhir" : audience;
		jwksUri = blankOr(jwksUri, issuer + "/oauth2/jwks");
		authorizationEndpoint = blankOr(authorizationEndpoint, issuer + "/oauth2/authorize");
		tokenEndpoint = blankOr(tokenEndpoint, issuer + "/oauth2/token");
		clockSkewSeconds = clockSkewSeconds == null ? 30 : clockSkewSeconds;
	}

	private static String blankOr(String value, String fallback) {
		return value == null || value.isBlank() ? fallback : value;
	}

	private static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}
}
