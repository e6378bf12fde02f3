package org.transitionnet.server.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code .well-known/smart-configuration} (SMART App Launch v2 discovery). A servlet of its own because
 * the FHIR servlet owns {@code /fhir/*}; always JSON whatever the Accept header, readable cross-origin.
 * Announces only the OAuth endpoints that exist in the running mode ({@link AdvertisedEndpoints}), and among the
 * scopes the product scopes ({@link ProductScope}) next to the SMART clinical ones.
 */
public class SmartConfigurationServlet extends HttpServlet {

    private final byte[] document;

    public SmartConfigurationServlet(SecurityProperties properties, AdvertisedEndpoints endpoints, ObjectMapper json) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", properties.issuer());
        body.put("jwks_uri", properties.jwksUri());
        endpoints.authorizationEndpoint().ifPresent(url -> body.put("authorization_endpoint", url));
        endpoints.tokenEndpoint().ifPresent(url -> body.put("token_endpoint", url));
        body.put("grant_types_supported", List.of("authorization_code", "client_credentials", "refresh_token"));
        body.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt", "client_secret_basic", "none"));
        body.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS384", "ES384"));
        List<String> scopes = new ArrayList<>(List.of(
                "openid",
                "fhirUser",
                "launch",
                "launch/patient",
                "offline_access",
                "online_access",
                "patient/*.rs",
                "user/*.rs",
                "system/*.rs",
                "patient/*.read",
                "user/*.read",
                "system/*.read",
                "patient/*.cruds",
                "user/*.cruds",
                "system/*.cruds"));
        // The benchmark's own scopes: they grant its operations and no clinical data.
        ProductScope.ALL.forEach(scope -> scopes.add(scope.toString()));
        body.put("scopes_supported", scopes);
        body.put("response_types_supported", List.of("code"));
        body.put("code_challenge_methods_supported", List.of("S256"));
        body.put("capabilities", properties.capabilities());
        try {
            this.document = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        cors(response);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(document);
    }

    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response) {
        cors(response);
        response.setHeader("Access-Control-Allow-Methods", "GET, OPTIONS");
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private static void cors(HttpServletResponse response) {
        response.setHeader("Access-Control-Allow-Origin", "*");
    }
}
