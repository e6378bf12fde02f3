package org.transitionnet.server.security.authserver;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The EHR launch at the authorization endpoint: an authorization request with the {@code launch} scope and a
 * {@code launch} parameter, from the logged-in user, gets the patient of the server-issued launch context
 * ({@link EhrLaunchContexts}) without the patient picker; an unknown, expired, spent or foreign {@code launch}
 * is refused with 400.
 */
final class EhrLaunchFilter extends OncePerRequestFilter {

    private final EhrLaunchContexts contexts;
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    EhrLaunchFilter(EhrLaunchContexts contexts) {
        this.contexts = contexts;
    }

    static boolean isEhrLaunch(HttpServletRequest request) {
        String scope = request.getParameter("scope");
        return "GET".equals(request.getMethod())
                && "/oauth2/authorize".equals(request.getServletPath())
                && request.getParameter("launch") != null
                && scope != null
                && Arrays.asList(scope.split(" ")).contains("launch");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isEhrLaunch(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (!(user instanceof UsernamePasswordAuthenticationToken) || !user.isAuthenticated()) {
            chain.doFilter(request, response); // to the login first; the request comes back here afterwards
            return;
        }
        Optional<EhrLaunchContexts.Context> launch = contexts.claim(
                request.getParameter("launch"), user.getName(), String.valueOf(request.getParameter("client_id")));
        if (launch.isEmpty()) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "unknown, expired or already used launch");
            return;
        }
        UsernamePasswordAuthenticationToken withPatient =
                UsernamePasswordAuthenticationToken.authenticated(user.getPrincipal(), null, user.getAuthorities());
        withPatient.setDetails(new SelectedPatient(launch.get().patientId()));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(withPatient);
        SecurityContextHolder.setContext(context);
        sessions.saveContext(context, request, response);
        chain.doFilter(request, response);
    }
}
