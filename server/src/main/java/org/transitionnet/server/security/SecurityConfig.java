package org.transitionnet.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.searchparam.matcher.AuthorizationSearchParamMatcher;
import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import ca.uhn.fhir.rest.server.RestfulServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.transitionnet.server.config.RestfulServerContributor;

/**
 * The FHIR endpoint as a SMART on FHIR resource server: Spring Security authenticates the bearer token,
 * HAPI's AuthorizationInterceptor and SearchNarrowingInterceptor enforce what its scopes allow.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    /**
     * Readable without a token: discovery, the CapabilityStatement and API description, probes, the static SMART apps,
     * the rendered implementation guide.
     */
    static final String[] ANONYMOUS = {
        "/fhir/metadata",
        "/fhir/.well-known/smart-configuration",
        "/.well-known/smart-configuration",
        "/fhir/api-docs",
        "/fhir/swagger-ui/**",
        "/actuator/health",
        "/actuator/health/**",
        "/apps/**",
        "/ig",
        "/ig/**",
        "/error"
    };

    @Bean
    @Order(10)
    public SecurityFilterChain resourceServerChain(
            HttpSecurity http,
            SecurityProperties properties,
            JwtDecoder decoder,
            FhirContext fhirContext,
            ObjectProvider<FhirSecurityErrors.DeniedAccessListener> listener,
            ObjectProvider<JWKSource<SecurityContext>> embeddedKeys)
            throws Exception {
        http.csrf(csrf -> csrf.disable())
                .cors(cors -> cors.configurationSource(corsForApps()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        if (!properties.enabled()) {
            log.warn("""

					**********************************************************************
					*  SECURITY IS OFF (transitionnet.security.enabled=false).           *
					*  Anyone who can reach this server can read and write ALL its data. *
					*  Use this only for a local quick start, never with real data.      *
					**********************************************************************""");
            http.authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll());
            return http.build();
        }
        FhirSecurityErrors errors = new FhirSecurityErrors(
                fhirContext, listener.getIfAvailable(() -> FhirSecurityErrors.DeniedAccessListener.NONE));
        http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(HttpMethod.OPTIONS, "/**")
                        .permitAll()
                        .requestMatchers(ANONYMOUS)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(decoder))
                        .authenticationEntryPoint(errors)
                        .accessDeniedHandler(errors))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors));
        log.info(
                "FHIR endpoint requires bearer tokens from issuer {} (keys {}) for audience {}",
                properties.issuer(),
                verifiesWithOwnKeys(properties, embeddedKeys)
                        ? "of the embedded authorization server, in process"
                        : properties.jwksUri(),
                properties.audience());
        return http.build();
    }

    /**
     * Access tokens of the configured issuer; also what the embedded authorization server's userinfo endpoint uses.
     * When the embedded authorization server issues them (the keys are its own endpoint's), its keys are used in
     * process: every node of a cluster configured with the same signing key accepts every node's tokens, whichever
     * node the issuer's address reaches.
     */
    @Bean
    public JwtDecoder jwtDecoder(
            SecurityProperties properties, ObjectProvider<JWKSource<SecurityContext>> embeddedKeys) {
        return verifiesWithOwnKeys(properties, embeddedKeys)
                ? SmartTokenValidation.decoder(properties, embeddedKeys.getObject())
                : SmartTokenValidation.decoder(properties);
    }

    private static boolean verifiesWithOwnKeys(
            SecurityProperties properties, ObjectProvider<JWKSource<SecurityContext>> embeddedKeys) {
        return embeddedKeys.getIfAvailable() != null
                && properties.jwksUri().equals(properties.issuer() + "/oauth2/jwks");
    }

    /** Browser-based SMART apps on other origins call the FHIR endpoint with an Authorization header. */
    private static UrlBasedCorsConfigurationSource corsForApps() {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(List.of("*"));
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("*"));
        cors.setExposedHeaders(List.of("Location", "Content-Location", "ETag", "WWW-Authenticate"));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        // "/**": the FHIR servlet's requests are matched by their path inside the servlet.
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    @Bean
    public AdvertisedEndpoints advertisedEndpoints(SecurityProperties properties, Environment environment) {
        return AdvertisedEndpoints.of(properties, environment);
    }

    @Bean
    public RestfulServerContributor smartAuthorization(
            SecurityProperties properties,
            AdvertisedEndpoints endpoints,
            SearchParamMatcher matcher,
            ObjectProvider<OperationDeclarations> operations) {
        return server -> {
            if (!properties.enabled()) {
                // Nothing to announce or enforce: the endpoint is open (quick start only).
                return;
            }
            server.registerInterceptor(new SmartCapabilityStatement(endpoints));
            server.registerInterceptor(new OperationAccessCapabilities(operations::getObject));
            SmartAuthorizationInterceptor authorization = new SmartAuthorizationInterceptor(operations::getObject);
            // Evaluates v2 query scopes (patient/Observation.rs?category=laboratory) against each resource.
            authorization.setAuthorizationSearchParamMatcher(new AuthorizationSearchParamMatcher(matcher));
            server.registerInterceptor(new SmartSearchNarrowingInterceptor());
            server.registerInterceptor(authorization);
        };
    }

    /**
     * The access declarations of the endpoint's operations; created at start, so that an operation without one
     * stops the server then (whether security is on or off) rather than failing its first request.
     */
    @Bean
    public OperationDeclarations operationDeclarations(RestfulServer restfulServer) {
        return OperationDeclarations.of(restfulServer);
    }

    @Bean
    public ServletRegistrationBean<SmartConfigurationServlet> smartConfiguration(
            SecurityProperties properties, AdvertisedEndpoints endpoints, ObjectMapper json) {
        ServletRegistrationBean<SmartConfigurationServlet> registration = new ServletRegistrationBean<>(
                new SmartConfigurationServlet(properties, endpoints, json),
                "/.well-known/smart-configuration",
                "/fhir/.well-known/smart-configuration");
        registration.setName("smartConfiguration");
        return registration;
    }
}
