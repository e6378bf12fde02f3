package org.transitionnet.server.security.authserver;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import java.security.Principal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.transitionnet.server.config.TransitionNetMigrations;

/**
 * The authorization store on the quick start's other database, H2 (PostgreSQL is covered by the launch tests): the
 * migrations create its tables there, and an authorization saved by one node is found by its refresh token by
 * another, with the user's login and the picked patient intact; expired ones are purged.
 */
class StoredAuthorizationsTest {

    private final RegisteredClient client = RegisteredClient.withId("launch-client-id")
            .clientId("launch-client")
            .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
            .redirectUri("http://localhost/app/")
            .scope("launch/patient")
            .scope("offline_access")
            .build();
    private final RegisteredClientRepository clients = new InMemoryRegisteredClientRepository(client);

    @Test
    void anAuthorizationSavedByOneNodeIsFoundByItsRefreshTokenOnAnother() {
        JdbcTemplate jdbc = migratedH2();

        UsernamePasswordAuthenticationToken login = UsernamePasswordAuthenticationToken.authenticated(
                User.withUsername("clinician")
                        .password("{noop}secret")
                        .roles("USER")
                        .build(),
                null,
                List.of(new SimpleGrantedAuthority("ROLE_USER")));
        login.setDetails(new SelectedPatient("patient-1"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        OAuth2Authorization authorization = OAuth2Authorization.withRegisteredClient(client)
                .id(UUID.randomUUID().toString())
                .principalName("clinician")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizedScopes(Set.of("launch/patient", "offline_access"))
                .attribute(Principal.class.getName(), login)
                .token(
                        new OAuth2AccessToken(
                                OAuth2AccessToken.TokenType.BEARER,
                                "access-token",
                                now,
                                now.plusSeconds(300),
                                Set.of("launch/patient", "offline_access")),
                        metadata -> metadata.put(
                                OAuth2Authorization.Token.CLAIMS_METADATA_NAME,
                                claims(Collections.singletonList("http://localhost/fhir"), "patient-1")))
                .refreshToken(new OAuth2RefreshToken("refresh-token", now, now.plusSeconds(86_400)))
                .build();

        StoredAuthorizations.authorizations(jdbc, clients).save(authorization);
        OAuth2AuthorizationService otherNode = StoredAuthorizations.authorizations(jdbc, clients);
        OAuth2Authorization found = otherNode.findByToken("refresh-token", OAuth2TokenType.REFRESH_TOKEN);

        assertThat(found).isNotNull();
        assertThat(found.getId()).isEqualTo(authorization.getId());
        assertThat(found.getRefreshToken().getToken().getExpiresAt()).isEqualTo(now.plusSeconds(86_400));
        assertThat(found.getAccessToken().getClaims()).containsEntry("patient", "patient-1");
        Authentication principal = found.getAttribute(Principal.class.getName());
        assertThat(principal.getName()).isEqualTo("clinician");
        assertThat(principal.getDetails()).isEqualTo(new SelectedPatient("patient-1"));
        assertThat(otherNode.findByToken("no-such-token", OAuth2TokenType.REFRESH_TOKEN))
                .isNull();
    }

    /** Purged once every token has expired: a live refresh token keeps its authorization, whatever its access token. */
    @Test
    void authorizationsWhoseTokensAllExpiredArePurged() {
        JdbcTemplate jdbc = migratedH2();
        OAuth2AuthorizationService store = StoredAuthorizations.authorizations(jdbc, clients);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant past = now.minus(2, ChronoUnit.DAYS);
        store.save(withTokens("expired", past, past.plusSeconds(60)));
        store.save(withTokens("refreshable", past, now.plusSeconds(3600)));
        store.save(withTokens("access-only", now, null));

        int purged = new ExpiredAuthorizationPurger(jdbc).purgeExpiredBefore(now.minusSeconds(60));

        assertThat(purged).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT id FROM oauth2_authorization ORDER BY id", String.class))
                .containsExactly("access-only", "refreshable");
    }

    /** An authorization with an access token issued at {@code issued} and, unless null, a refresh token expiring then. */
    private OAuth2Authorization withTokens(String id, Instant issued, Instant refreshExpires) {
        OAuth2Authorization.Builder builder = OAuth2Authorization.withRegisteredClient(client)
                .id(id)
                .principalName("clinician")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .accessToken(new OAuth2AccessToken(
                        OAuth2AccessToken.TokenType.BEARER, id + "-access", issued, issued.plusSeconds(300)));
        if (refreshExpires != null) {
            builder.refreshToken(new OAuth2RefreshToken(id + "-refresh", issued, refreshExpires));
        }
        return builder.build();
    }

    /** Access-token claims as the token generator leaves them: a plain map (stored JSON names its class). */
    private static Map<String, Object> claims(List<String> audience, String patient) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("aud", audience);
        claims.put("patient", patient);
        return claims;
    }

    /** A new in-memory H2 database with the server's own migrations applied, as the H2 option has them. */
    private static JdbcTemplate migratedH2() {
        DriverManagerDataSource h2 = new DriverManagerDataSource(
                "jdbc:h2:mem:authorizations-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        HapiMigrator migrator =
                new HapiMigrator(TransitionNetMigrations.MIGRATION_TABLE, h2, DriverTypeEnum.H2_EMBEDDED);
        migrator.addTasks(TransitionNetMigrations.tasks());
        migrator.createMigrationTableIfRequired();
        migrator.migrate();
        return new JdbcTemplate(h2);
    }
}
