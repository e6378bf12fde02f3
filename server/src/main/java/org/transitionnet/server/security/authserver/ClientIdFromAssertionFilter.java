package org.transitionnet.server.security.authserver;

import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.text.ParseException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * SMART Backend Services clients send no {@code client_id} with their client assertion (the assertion's
 * {@code iss}/{@code sub} name the client); Spring Authorization Server wants the parameter. This supplies it
 * from the assertion's {@code sub}, unverified: the assertion's signature and {@code iss}/{@code sub} are
 * then checked against that client's registered keys as usual.
 */
final class ClientIdFromAssertionFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || request.getParameter("client_assertion") == null
                || request.getParameter("client_id") != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String clientId;
        try {
            clientId = SignedJWT.parse(request.getParameter("client_assertion"))
                    .getJWTClaimsSet()
                    .getSubject();
        } catch (ParseException unreadable) {
            clientId = null;
        }
        if (clientId == null) {
            chain.doFilter(request, response);
            return;
        }
        Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameterMap());
        parameters.put("client_id", new String[] {clientId});
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    @Override
                    public String getParameter(String name) {
                        String[] values = parameters.get(name);
                        return values == null ? null : values[0];
                    }

                    @Override
                    public Map<String, String[]> getParameterMap() {
                        return Collections.unmodifiableMap(parameters);
                    }

                    @Override
                    public Enumeration<String> getParameterNames() {
                        return Collections.enumeration(parameters.keySet());
                    }

                    @Override
                    public String[] getParameterValues(String name) {
                        return parameters.get(name);
                    }
                },
                response);
    }
}
