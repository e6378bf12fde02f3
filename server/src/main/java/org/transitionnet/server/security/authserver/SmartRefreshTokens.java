package org.transitionnet.server.security.authserver;

import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Refresh tokens the SMART way: issued with an authorization code only when the app was granted
 * {@code offline_access} or {@code online_access}, for public (PKCE) and confidential clients alike, and a
 * new one with every refresh (the client's token settings do not reuse them, so the old one is spent).
 * Spring Authorization Server's own generator never gives one to a public client: this one replaces it
 * (its documented customisation point, {@link OAuth2TokenGenerator}).
 */
final class SmartRefreshTokens implements OAuth2TokenGenerator<OAuth2RefreshToken> {

    static final Set<String> REFRESH_SCOPES = Set.of("offline_access", "online_access");

    private final StringKeyGenerator values =
            new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(), 96);

    @Override
    public OAuth2RefreshToken generate(OAuth2TokenContext context) {
        if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())
                || !context.getRegisteredClient()
                        .getAuthorizationGrantTypes()
                        .contains(AuthorizationGrantType.REFRESH_TOKEN)) {
            return null;
        }
        // A refresh is only possible with a refresh token granted before: it is rotated whatever scopes are kept.
        boolean rotation = AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType());
        if (!rotation && context.getAuthorizedScopes().stream().noneMatch(REFRESH_SCOPES::contains)) {
            return null;
        }
        Instant issuedAt = Instant.now();
        return new OAuth2RefreshToken(
                values.generateKey(),
                issuedAt,
                issuedAt.plus(context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive()));
    }
}
