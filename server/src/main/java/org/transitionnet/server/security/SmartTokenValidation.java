package org.transitionnet.server.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Access-token validation: signature against the issuer's JWKS, then issuer, audience and expiry. */
public final class SmartTokenValidation {

    private SmartTokenValidation() {}

    public static JwtDecoder decoder(SecurityProperties properties) {
        // The keys are fetched on first use and cached: the issuer (maybe this very server) need not be up at start.
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri())
                .jwsAlgorithms(algorithms -> algorithms.addAll(List.of(
                        SignatureAlgorithm.RS256,
                        SignatureAlgorithm.RS384,
                        SignatureAlgorithm.RS512,
                        SignatureAlgorithm.ES256,
                        SignatureAlgorithm.ES384,
                        SignatureAlgorithm.PS256)))
                .build();
        decoder.setJwtValidator(validator(properties));
        return decoder;
    }

    /**
     * Verifies signatures with the given keys in process (the embedded authorization server's own), then the same
     * claims as {@link #decoder(SecurityProperties)}: no request to the issuer's key endpoint, so a node behind a load
     * balancer checks tokens with its own configured keys, which are every node's.
     */
    public static JwtDecoder decoder(SecurityProperties properties, JWKSource<SecurityContext> keys) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                Set.of(
                        JWSAlgorithm.RS256,
                        JWSAlgorithm.RS384,
                        JWSAlgorithm.RS512,
                        JWSAlgorithm.ES256,
                        JWSAlgorithm.ES384,
                        JWSAlgorithm.PS256),
                keys));
        // Claims are checked by the validators below, as for tokens checked against a key endpoint.
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(validator(properties));
        return decoder;
    }

    public static OAuth2TokenValidator<Jwt> validator(SecurityProperties properties) {
        JwtClaimValidator<Object> audience = new JwtClaimValidator<>(
                JwtClaimNames.AUD,
                aud -> aud instanceof Collection<?> list
                        ? list.contains(properties.audience())
                        : properties.audience().equals(aud));
        // exp is mandatory: a token that never expires is refused.
        JwtClaimValidator<Object> expiry = new JwtClaimValidator<>(JwtClaimNames.EXP, exp -> exp != null);
        return new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(Duration.ofSeconds(properties.clockSkewSeconds())),
                new JwtIssuerValidator(properties.issuer()),
                audience,
                expiry);
    }
}
