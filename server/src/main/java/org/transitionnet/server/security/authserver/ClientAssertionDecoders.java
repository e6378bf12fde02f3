package org.transitionnet.server.security.authserver;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionDecoderFactory;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Verifies SMART Backend Services client assertions ({@code private_key_jwt}) against the JWK set registered
 * by configuration for the client (Spring's default would fetch it from a URL), accepts RS384/ES384 only,
 * and refuses a reused {@code jti} or an assertion valid for more than five minutes.
 */
final class ClientAssertionDecoders implements JwtDecoderFactory<RegisteredClient> {

    static final String JWKS_SETTING = "transitionnet.client-jwks";
    private static final Duration MAX_LIFETIME = Duration.ofMinutes(5).plusSeconds(30);

    private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();
    private final Map<String, Instant> seenJti = new ConcurrentHashMap<>();

    @Override
    public JwtDecoder createDecoder(RegisteredClient client) {
        return decoders.computeIfAbsent(client.getClientId(), id -> build(client));
    }

    private JwtDecoder build(RegisteredClient client) {
        String jwks = client.getClientSettings().getSetting(JWKS_SETTING);
        if (jwks == null || jwks.isBlank()) {
            throw new IllegalStateException("Client " + client.getClientId() + " has no registered keys");
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        try {
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                    Set.of(JWSAlgorithm.RS384, JWSAlgorithm.ES384), new ImmutableJWKSet<>(JWKSet.parse(jwks))));
        } catch (ParseException e) {
            throw new IllegalStateException("Client " + client.getClientId() + ": unreadable JWK set", e);
        }
        // Claims are checked by Spring's validators below, not by Nimbus.
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        OAuth2TokenValidator<Jwt> defaults =
                JwtClientAssertionDecoderFactory.DEFAULT_JWT_VALIDATOR_FACTORY.apply(client);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(defaults, this::shortLivedAndUnused));
        return decoder;
    }

    private OAuth2TokenValidatorResult shortLivedAndUnused(Jwt assertion) {
        Instant now = Instant.now();
        seenJti.values().removeIf(expiry -> expiry.isBefore(now));
        if (assertion.getExpiresAt() == null || assertion.getExpiresAt().isAfter(now.plus(MAX_LIFETIME))) {
            return failure("client assertion must expire within five minutes");
        }
        String jti = assertion.getId();
        if (jti == null || jti.isBlank()) {
            return failure("client assertion needs a jti");
        }
        if (seenJti.putIfAbsent(assertion.getSubject() + " " + jti, assertion.getExpiresAt()) != null) {
            return failure("client assertion jti already used");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_client", description, null));
    }
}
