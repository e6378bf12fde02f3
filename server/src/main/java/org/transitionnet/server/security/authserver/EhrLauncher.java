package org.transitionnet.server.security.authserver;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import org.transitionnet.server.fhir.StoredResources;
import org.transitionnet.server.security.SecurityProperties;

/**
 * Plays the EHR of an EHR launch: the logged-in user launches a registered app for a patient
 * ({@code GET /launch/ehr?client_id=...&patient=...}); the server issues a launch context and sends the browser
 * to the app's {@code launch-uri} with {@code iss} (the FHIR base) and {@code launch}. Part of the embedded
 * authorization server only.
 */
@Controller
@ConditionalOnProperty(name = "transitionnet.security.authorization-server.enabled", havingValue = "true")
public class EhrLauncher {

    public static final String PATH = "/launch/ehr";

    private final AuthorizationServerProperties properties;
    private final SecurityProperties security;
    private final EhrLaunchContexts contexts;
    private final DaoRegistry daos;

    public EhrLauncher(
            AuthorizationServerProperties properties,
            SecurityProperties security,
            EhrLaunchContexts contexts,
            DaoRegistry daos) {
        this.properties = properties;
        this.security = security;
        this.contexts = contexts;
        this.daos = daos;
    }

    @GetMapping(PATH)
    public void launch(
            @RequestParam("client_id") String clientId,
            @RequestParam("patient") String patientId,
            Authentication user,
            HttpServletResponse response)
            throws IOException {
        AuthorizationServerProperties.Client client = properties.clients().stream()
                .filter(c -> c.clientId().equals(clientId))
                .findFirst()
                .orElse(null);
        if (client == null || client.launchUri().isBlank()) {
            response.sendError(
                    HttpServletResponse.SC_BAD_REQUEST, "no registered client with a launch-uri: " + clientId);
            return;
        }
        if (!patientId.matches("[A-Za-z0-9\\-.]{1,64}") || !exists(patientId)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "no such patient");
            return;
        }
        String launch = contexts.issue(patientId, user.getName(), clientId);
        response.sendRedirect(UriComponentsBuilder.fromUriString(client.launchUri())
                .queryParam("iss", security.audience())
                .queryParam("launch", launch)
                .encode()
                .build()
                .toUriString());
    }

    private boolean exists(String patientId) {
        return StoredResources.exists(daos, Patient.class, patientId);
    }
}
