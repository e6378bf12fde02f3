package org.transitionnet.server.security.authserver;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends a logged-in user whose app asks for {@code launch/patient} to the patient picker before the
 * authorization endpoint issues a code, unless a patient was picked for this very request.
 */
final class PatientSelectionFilter extends OncePerRequestFilter {

    static final String PICKED_FOR = PatientSelectionFilter.class.getName() + ".request";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String scope = request.getParameter("scope");
        // An EHR launch brings its patient with it (EhrLaunchFilter).
        return EhrLaunchFilter.isEhrLaunch(request)
                || !"GET".equals(request.getMethod())
                || !"/oauth2/authorize".equals(request.getServletPath())
                || scope == null
                || Arrays.stream(scope.split(" ")).noneMatch("launch/patient"::equals);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        boolean loggedIn = user instanceof UsernamePasswordAuthenticationToken && user.isAuthenticated();
        String thisRequest = request.getServletPath() + "?" + request.getQueryString();
        if (loggedIn
                && !(user.getDetails() instanceof SelectedPatient
                        && thisRequest.equals(request.getSession().getAttribute(PICKED_FOR)))) {
            request.getSession().setAttribute(PICKED_FOR, thisRequest);
            response.sendRedirect(request.getContextPath() + PatientPicker.PATH);
            return;
        }
        chain.doFilter(request, response);
    }
}
