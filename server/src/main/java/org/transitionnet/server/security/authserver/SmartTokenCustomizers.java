package org.transitionnet.server.security.authserver;

import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletResponse;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/** The SMART additions to tokens and token responses of the embedded authorization server. */
final class SmartTokenCustomizers {

    private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

    private SmartTokenCustomizers() {}

    /**
     * Access tokens are for the FHIR endpoint ({@code aud}) and carry the picked patient; id tokens carry
     * {@code fhirUser} (the signed-in user's FHIR resource) when the app was granted the {@code fhirUser} scope.
     */
    static OAuth2TokenCustomizer<JwtEncodingContext> tokens(
            String audience, Function<String, Optional<String>> fhirUsers) {
        return context -> {
            if (ID_TOKEN.equals(context.getTokenType())) {
                if (context.getPrincipal() != null
                        && context.getAuthorizedScopes().contains("fhirUser")) {
                    fhirUsers
                            .apply(context.getPrincipal().getName())
                            .ifPresent(url -> context.getClaims().claim("fhirUser", url));
                }
                return;
            }
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            // The claims are stored with the authorization (StoredAuthorizations) and read back only as types the
            // security modules allow: a singleton list, not List.of's internal class.
            context.getClaims().audience(java.util.Collections.singletonList(audience));
            context.getClaims().claim("client_id", context.getRegisteredClient().getClientId());
            if (context.getPrincipal() != null
                    && context.getPrincipal().getDetails() instanceof SelectedPatient selected
                    && (context.getAuthorizedScopes().contains("launch/patient")
                            || context.getAuthorizedScopes().contains("launch"))) {
                context.getClaims().claim("patient", selected.patientId());
            }
        };
    }

    /**
     * The token response repeats the launch context ({@code patient}) next to the access token, in addition
     * to what the authorization server already put there (the OpenID {@code id_token}): the builder's
     * {@code additionalParameters} replaces, so the existing parameters are carried over.
     */
    static Consumer<OAuth2AccessTokenAuthenticationContext> tokenResponse() {
        return context -> {
            OAuth2AccessTokenAuthenticationToken issued = context.getAuthentication();
            try {
                Object patient = SignedJWT.parse(issued.getAccessToken().getTokenValue())
                        .getJWTClaimsSet()
                        .getClaim("patient");
                if (patient != null) {
                    Map<String, Object> parameters = new LinkedHashMap<>(issued.getAdditionalParameters());
                    parameters.put("patient", patient);
                    context.getAccessTokenResponse().additionalParameters(parameters);
                }
            } catch (ParseException notAJwt) {
                // Only JWT access tokens are issued here.
            }
        };
    }

    static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
    }
}
