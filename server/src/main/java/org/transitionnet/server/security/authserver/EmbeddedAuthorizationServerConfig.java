package org.transitionnet.server.security.authserver;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.transitionnet.server.config.SchemaMigration;
import org.transitionnet.server.security.SecurityProperties;

/**
 * An embedded OAuth 2 authorization server (Spring Authorization Server) for development and tests:
 * SMART standalone launch (authorization code + PKCE, patient picker, OpenID Connect with {@code fhirUser},
 * refresh tokens for {@code offline_access}/{@code online_access}) and SMART Backend Services (client
 * credentials with {@code private_key_jwt}). Its issuer is {@code transitionnet.security.issuer}. Authorizations
 * and consents are stored in the database, so refresh tokens survive restarts and are honoured by every node.
 */
@Configuration
@ConditionalOnProperty(name = "transitionnet.security.authorization-server.enabled", havingValue = "true")
public class EmbeddedAuthorizationServerConfig {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedAuthorizationServerConfig.class);

    @Bean
    @Order(1)
    public SecurityFilterChain authorizationServerChain(
            HttpSecurity http,
            AuthorizationServerProperties properties,
            SecurityProperties security,
            RegisteredClientRepository registeredClients,
            JWKSource<SecurityContext> keys,
            OAuth2TokenCustomizer<JwtEncodingContext> smartTokens,
            EhrLaunchContexts ehrLaunches)
            throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer =
                OAuth2AuthorizationServerConfigurer.authorizationServer();
        ClientAssertionDecoders assertionDecoders = new ClientAssertionDecoders();
        OAuth2AccessTokenResponseAuthenticationSuccessHandler tokenResponse =
                new OAuth2AccessTokenResponseAuthenticationSuccessHandler();
        tokenResponse.setAccessTokenResponseCustomizer(SmartTokenCustomizers.tokenResponse());
        AuthenticationSuccessHandler noStoreTokenResponse = (request, response, authentication) -> {
            SmartTokenCustomizers.noStore(response);
            tokenResponse.onAuthenticationSuccess(request, response, authentication);
        };
        JwtGenerator jwts = new JwtGenerator(new NimbusJwtEncoder(keys));
        jwts.setJwtCustomizer(smartTokens);
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(
                        authorizationServer,
                        as -> as.tokenGenerator(new DelegatingOAuth2TokenGenerator(jwts, new SmartRefreshTokens()))
                                .clientAuthentication(clients -> clients.authenticationConverter(
                                                PublicClientRefresh.converter())
                                        .authenticationProviders(providers -> {
                                            providers.forEach(provider -> {
                                                if (provider
                                                        instanceof
                                                        JwtClientAssertionAuthenticationProvider assertions) {
                                                    assertions.setJwtDecoderFactory(assertionDecoders);
                                                }
                                            });
                                            providers.add(0, PublicClientRefresh.provider(registeredClients));
                                        }))
                                .tokenEndpoint(token -> token.accessTokenResponseHandler(noStoreTokenResponse))
                                // OpenID Connect: apps ask for openid/fhirUser; userinfo is served to their access
                                // tokens.
                                .oidc(Customizer.withDefaults()))
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .addFilterBefore(new ClientIdFromAssertionFilter(), SecurityContextHolderFilter.class)
                .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                // Right after the session's login is loaded, before the authorization endpoint issues a code.
                .addFilterAfter(new PatientSelectionFilter(), SecurityContextHolderFilter.class)
                .addFilterAfter(new EhrLaunchFilter(ehrLaunches), SecurityContextHolderFilter.class)
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        log.warn(
                "Embedded SMART authorization server enabled at {} (for development and tests; production uses its own issuer)",
                security.issuer());
        return http.build();
    }

    /**
     * The login form and the patient picker, session-based (the FHIR endpoint itself stays stateless). The login
     * page's stylesheet ({@code /default-ui.css}, served by this chain) is public like the page.
     */
    @Bean
    @Order(2)
    public SecurityFilterChain loginChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/login", "/logout", "/default-ui.css", PatientPicker.PATH, EhrLauncher.PATH)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/login", "/default-ui.css")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    public AuthorizationServerSettings authorizationServerSettings(SecurityProperties security) {
        return AuthorizationServerSettings.builder().issuer(security.issuer()).build();
    }

    @Bean
    public JWKSource<SecurityContext> jwkSource(AuthorizationServerProperties properties, ResourceLoader resources) {
        if (properties.signingKey().isBlank()) {
            log.warn("Embedded authorization server: a new signing key for this process only (no "
                    + "transitionnet.security.authorization-server.signing-key): its tokens are accepted by this node until it "
                    + "restarts, never by other nodes");
        }
        return new ImmutableJWKSet<>(SigningKeys.load(properties.signingKey(), resources));
    }

    @Bean
    public OAuth2TokenCustomizer<JwtEncodingContext> smartAccessTokens(
            SecurityProperties security, AuthorizationServerProperties properties) {
        return SmartTokenCustomizers.tokens(
                security.audience(), new LaunchUsers(properties.users(), security.audience()).asFunction());
    }

    @Bean
    public UserDetailsService launchUsers(AuthorizationServerProperties properties) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        properties
                .users()
                .forEach(user -> users.createUser(User.withUsername(user.username())
                        .password("{noop}" + user.password())
                        .roles("USER")
                        .build()));
        return users;
    }

    /**
     * Authorizations (and with them authorization codes and refresh tokens) in the database, shared by every node
     * and kept across restarts ({@link StoredAuthorizations}); created once the schema migration has made the table.
     */
    @Bean
    public OAuth2AuthorizationService authorizations(
            JdbcTemplate jdbc, RegisteredClientRepository registeredClients, SchemaMigration schemaReady) {
        return StoredAuthorizations.authorizations(jdbc, registeredClients);
    }

    @Bean
    public ExpiredAuthorizationPurger expiredAuthorizationPurger(JdbcTemplate jdbc, SchemaMigration schemaReady) {
        return new ExpiredAuthorizationPurger(jdbc);
    }

    @Bean
    public OAuth2AuthorizationConsentService authorizationConsents(
            JdbcTemplate jdbc, RegisteredClientRepository registeredClients, SchemaMigration schemaReady) {
        return StoredAuthorizations.consents(jdbc, registeredClients);
    }

    /**
     * The clients of the configuration, in memory: every node builds the same ones from the same settings, with ids
     * derived from the client ids, so an authorization stored by one node names a client every node (and the next
     * start) knows; a change of the settings takes effect at the next start.
     */
    @Bean
    public RegisteredClientRepository registeredClients(AuthorizationServerProperties properties) {
        TokenSettings tokens = TokenSettings.builder()
                .accessTokenTimeToLive(Duration.ofSeconds(properties.accessTokenTtlSeconds()))
                .refreshTokenTimeToLive(Duration.ofSeconds(properties.refreshTokenTtlSeconds()))
                // Rotation: every refresh issues a new refresh token and the old one is refused afterwards.
                .reuseRefreshTokens(false)
                .build();
        if (properties.clients().isEmpty()) {
            log.warn(
                    "Embedded authorization server has no clients (transitionnet.security.authorization-server.clients)");
            return new InMemoryRegisteredClientRepository(java.util.List.of(RegisteredClient.withId("none")
                    .clientId("none")
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
                    .build()));
        }
        return new InMemoryRegisteredClientRepository(properties.clients().stream()
                .map(c -> toRegisteredClient(c, tokens))
                .toList());
    }

    private static RegisteredClient toRegisteredClient(
            AuthorizationServerProperties.Client client, TokenSettings tokens) {
        RegisteredClient.Builder builder = RegisteredClient.withId(
                        UUID.nameUUIDFromBytes(client.clientId().getBytes()).toString())
                .clientId(client.clientId())
                .tokenSettings(tokens);
        ClientSettings.Builder settings =
                ClientSettings.builder().requireAuthorizationConsent(false).requireProofKey(true);
        if (!client.jwks().isBlank()) {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
            settings.setting(ClientAssertionDecoders.JWKS_SETTING, client.jwks());
        }
        if (!client.clientSecret().isBlank()) {
            builder.clientSecret("{noop}" + client.clientSecret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        }
        if (client.jwks().isBlank() && client.clientSecret().isBlank()) {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        }
        if (!client.jwks().isBlank() || !client.clientSecret().isBlank()) {
            builder.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS);
        }
        if (!client.redirectUris().isEmpty()) {
            builder.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE);
            client.redirectUris().forEach(builder::redirectUri);
            if (client.scopes().stream().anyMatch(SmartRefreshTokens.REFRESH_SCOPES::contains)) {
                builder.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN);
            }
        }
        client.scopes().forEach(builder::scope);
        return builder.clientSettings(settings.build()).build();
    }
}
