package org.transitionnet.server.security.authserver;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded authorization server, for development and tests. Production points
 * {@code transitionnet.security.issuer} at its own issuer (Keycloak, ...) and leaves this off.
 *
 * @param enabled                serve {@code /oauth2/*} from this server
 * @param signingKey             location of a JWK set holding the private signing key; empty: a new RSA key per start
 *                               (tokens then valid on this node only, until it restarts: several nodes need one key)
 * @param accessTokenTtlSeconds  lifetime of access tokens (Backend Services allows at most 300)
 * @param refreshTokenTtlSeconds lifetime of refresh tokens (granted with {@code offline_access} or
 *                               {@code online_access}); each refresh issues a new one and spends the old
 * @param clients                registered clients
 * @param users                  users who can log in for a standalone launch
 */
@ConfigurationProperties("transitionnet.security.authorization-server")
public record AuthorizationServerProperties(
        Boolean enabled,
        String signingKey,
        Integer accessTokenTtlSeconds,
        Integer refreshTokenTtlSeconds,
        List<Client> clients,
        List<User> users) {

    public AuthorizationServerProperties {
        enabled = enabled != null && enabled;
        signingKey = signingKey == null ? "" : signingKey;
        accessTokenTtlSeconds = accessTokenTtlSeconds == null ? 300 : accessTokenTtlSeconds;
        refreshTokenTtlSeconds = refreshTokenTtlSeconds == null ? 86_400 : refreshTokenTtlSeconds;
        clients = clients == null ? List.of() : clients;
        users = users == null ? List.of() : users;
    }

    /**
     * @param clientId     the client's id
     * @param jwks         Backend Services: the client's public keys as a JWK set (JSON), for {@code private_key_jwt}
     * @param clientSecret a confidential client with a shared secret (development convenience), or empty
     * @param redirectUris authorization-code clients: allowed redirect URIs; a client with none and no
     *                     keys or secret is not usable
     * @param scopes       scopes the client may ask for
     * @param launchUri    the app's launch URL for an EHR launch ({@code /launch/ehr}), or empty
     */
    public record Client(
            String clientId,
            String jwks,
            String clientSecret,
            List<String> redirectUris,
            List<String> scopes,
            String launchUri) {
        public Client {
            launchUri = launchUri == null ? "" : launchUri;
            jwks = jwks == null ? "" : jwks;
            clientSecret = clientSecret == null ? "" : clientSecret;
            redirectUris = redirectUris == null ? List.of() : redirectUris;
            scopes = scopes == null ? List.of() : scopes;
            List<String> clinical = scopes.stream()
                    .filter(s -> org.transitionnet.server.security.SmartScope.parse(s.strip())
                            .isPresent())
                    .toList();
            if (scopes.stream()
                            .anyMatch(s -> s.strip()
                                    .equals(org.transitionnet.server.security.ProductScope.BENCHMARK_SUBMIT.toString()))
                    && !clinical.isEmpty()) {
                // Held-out labels are follow-ups recorded in the clinical store: a client that is scored on them must
                // not
                // be able to read them (the benchmark-access rule; an external issuer must keep it in its
                // registrations).
                throw new IllegalArgumentException("Client " + clientId + " may ask for "
                        + org.transitionnet.server.security.ProductScope.BENCHMARK_SUBMIT
                        + " and for clinical scopes " + clinical
                        + ": a client that submits benchmark predictions must reach no clinical "
                        + "record; register a separate client for each");
            }
        }
    }

    /**
     * @param username the login name
     * @param password the password (development and tests only)
     * @param fhirUser the FHIR resource of the user, the {@code fhirUser} claim of their id_token: an absolute
     *                 URL or a reference relative to the FHIR base ({@code Practitioner/123}); empty:
     *                 {@code Practitioner/{username}}
     */
    public record User(String username, String password, String fhirUser) {
        public User {
            fhirUser = fhirUser == null || fhirUser.isBlank() ? "Practitioner/" + username : fhirUser.strip();
        }
    }
}
