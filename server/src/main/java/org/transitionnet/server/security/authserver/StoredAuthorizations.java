package org.transitionnet.server.security.authserver;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.jackson2.SecurityJackson2Modules;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.jackson2.OAuth2AuthorizationServerJackson2Module;

/**
 * The embedded authorization server's authorizations (codes, tokens, refresh tokens) and consents kept in the
 * database ({@code oauth2_authorization}, {@code oauth2_authorization_consent}, created by the schema migrations)
 * instead of one node's memory, so a restarted node, or another node on the same database, honours a refresh token
 * or an authorization code issued before. The authorizations hold the user's login as JSON, read back only for
 * allow-listed types: the patient a user picked ({@link SelectedPatient}, the login's details) is allow-listed here,
 * or a refresh would lose the token's {@code patient}.
 */
final class StoredAuthorizations {

    private StoredAuthorizations() {}

    static OAuth2AuthorizationService authorizations(JdbcOperations jdbc, RegisteredClientRepository clients) {
        ObjectMapper json = new ObjectMapper();
        json.registerModules(SecurityJackson2Modules.getModules(StoredAuthorizations.class.getClassLoader()));
        json.registerModule(new OAuth2AuthorizationServerJackson2Module());
        json.addMixIn(SelectedPatient.class, SelectedPatientMixin.class);
        JdbcOAuth2AuthorizationService service = new JdbcOAuth2AuthorizationService(jdbc, clients);
        JdbcOAuth2AuthorizationService.OAuth2AuthorizationRowMapper rows =
                new JdbcOAuth2AuthorizationService.OAuth2AuthorizationRowMapper(clients);
        rows.setObjectMapper(json);
        JdbcOAuth2AuthorizationService.OAuth2AuthorizationParametersMapper parameters =
                new JdbcOAuth2AuthorizationService.OAuth2AuthorizationParametersMapper();
        parameters.setObjectMapper(json);
        service.setAuthorizationRowMapper(rows);
        service.setAuthorizationParametersMapper(parameters);
        return service;
    }

    static OAuth2AuthorizationConsentService consents(JdbcOperations jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    /** Allow-lists {@link SelectedPatient} for the security modules' typed JSON (stored with its class name). */
    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, include = JsonTypeInfo.As.PROPERTY)
    abstract static class SelectedPatientMixin {}
}
