package org.transitionnet.server.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * What a validated access token allows: its SMART clinical scopes, its product scopes and launch context.
 *
 * @param scopes        the clinical scopes ({@code patient/}, {@code user/}, {@code system/})
 * @param patient       the {@code patient} launch context, or {@code null}
 * @param productScopes the scopes of this server's own products ({@code benchmark/*.read} ...), which grant nothing clinical
 */
public record SmartAccessToken(
        String subject, String clientId, List<SmartScope> scopes, String patient, List<ProductScope> productScopes) {

    public SmartAccessToken {
        scopes = List.copyOf(scopes);
        productScopes = List.copyOf(productScopes);
    }

    /** A token with clinical scopes only. */
    public SmartAccessToken(String subject, String clientId, List<SmartScope> scopes, String patient) {
        this(subject, clientId, scopes, patient, List.of());
    }

    /** The token of the request being handled; Spring Security validated it before the FHIR servlet ran. */
    public static Optional<SmartAccessToken> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwtAuthentication) {
            return Optional.of(from(jwtAuthentication.getToken()));
        }
        return Optional.empty();
    }

    public static SmartAccessToken from(Jwt jwt) {
        List<String> granted = scopeStrings(jwt);
        List<SmartScope> scopes = granted.stream()
                .map(SmartScope::parse)
                .flatMap(Optional::stream)
                .toList();
        List<ProductScope> productScopes = granted.stream()
                .map(ProductScope::parse)
                .flatMap(Optional::stream)
                .toList();
        String clientId = jwt.hasClaim("client_id")
                ? jwt.getClaimAsString("client_id")
                : jwt.hasClaim("azp") ? jwt.getClaimAsString("azp") : jwt.getSubject();
        return new SmartAccessToken(jwt.getSubject(), clientId, scopes, jwt.getClaimAsString("patient"), productScopes);
    }

    /** Spring's authorization server writes {@code scope} as a list, most others as a space-separated string. */
    static List<String> scopeStrings(Jwt jwt) {
        Object scope = jwt.getClaims().get("scope");
        if (scope == null) {
            scope = jwt.getClaims().get("scp");
        }
        if (scope instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (scope instanceof String text && !text.isBlank()) {
            return Arrays.asList(text.trim().split("\\s+"));
        }
        return List.of();
    }

    public boolean grants(SmartScope.Context context, String type, SmartScope.Permission permission) {
        return scopes.stream().anyMatch(s -> s.context() == context && s.appliesTo(type) && s.grants(permission));
    }

    public boolean grantsAnyContext(String type, SmartScope.Permission permission) {
        return scopes.stream().anyMatch(s -> usable(s) && s.appliesTo(type) && s.grants(permission));
    }

    /** Patient scopes mean nothing without a patient in context. */
    public boolean usable(SmartScope scope) {
        return scope.context() != SmartScope.Context.PATIENT || patient != null;
    }

    /** Only patient-level scopes: every search is narrowed to the patient's compartment. */
    public boolean patientOnly() {
        return patient != null && scopes.stream().allMatch(s -> s.context() == SmartScope.Context.PATIENT);
    }
}
