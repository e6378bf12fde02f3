package org.transitionnet.server.security.authserver;

import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

import java.text.ParseException;
import java.util.Map;
import java.util.function.Consumer;

/** The SMART additions to tokens and token responses of the embedded authorization server. */
final class SmartTokenCustomizers {

	private SmartTokenCustomizers() {
	}

	/** Access tokens are for the FHIR endpoint ({@code aud}) and carry the picked patient. */
	static OAuth2TokenCustomizer<JwtEncodingContext> accessToken(String audience) {
		return context -> {
			if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
				return;
			}
			context.getClaims().audience(java.util.List.of(audience));
			context.getClaims().claim("client_id", context.getRegisteredClient().getClientId());
			if (context.getPrincipal() != null && context.getPrincipal().getDetails() instanceof SelectedPatient selected
					&& context.getAuthorizedScopes().contains("launch/patient")) {
				context.getClaims().claim("patient", selected.patientId());
			}
		};
	}

	/** The token response repeats the launch context ({@code patient}) next to the access token. */
	static Consumer<OAuth2AccessTokenAuthenticationContext> tokenResponse() {
		return context -> {
			try {
				Object patient = SignedJWT.parse(((OAuth2AccessTokenAuthenticationToken) context.getAuthentication()).getAccessToken().getTokenValue())
						.getJWTClaimsSet().getClaim("patient");
				if (patient != null) {
					context.getAccessTokenResponse().additionalParameters(Map.of("patient", patient));
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
