package org.transitionnet.server.security.authserver;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The patient picker of a standalone launch ({@code launch/patient}): lists patients (the first 200, or
 * those a search by name or id finds), and remembers the chosen one with the user's login so the
 * authorization code, and then the token, carry it.
 * Part of the embedded authorization server only.
 */
@Controller
@ResponseBody
@ConditionalOnProperty(name = "transitionnet.security.authorization-server.enabled", havingValue = "true")
public class PatientPicker {

    public static final String PATH = "/launch/select-patient";
    private static final int LISTED = 200;
    private static final String STYLE = ".patients{list-style:none;padding:0;max-height:60vh;overflow-y:auto}"
            + ".patients li{padding:.25rem 0}.patient-search{display:flex;gap:.5rem;margin-bottom:.5rem}"
            + ".patient-count{color:#555;font-size:.9rem}";

    private final DaoRegistry daos;
    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    public PatientPicker(DaoRegistry daos) {
        this.daos = daos;
    }

    @GetMapping(value = PATH, produces = "text/html")
    public String page(@RequestParam(name = "q", required = false) String query, HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        String search = query == null ? "" : query.strip();
        List<Patient> patients = patients(search);
        StringBuilder html = new StringBuilder("""
				<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Select a patient</title>
				<link href="/default-ui.css" rel="stylesheet"><style>%s</style></head>
				<body><div class="content"><h2>Select a patient</h2>
				<form method="get" action="%s" class="patient-search">
				<input type="search" name="q" id="patient-search" value="%s" placeholder="Name or id" aria-label="Search patients">
				<button type="submit" id="search">Search</button></form>
				<p class="patient-count" id="patient-count">%s</p>
				<form method="post" action="%s">
				<input type="hidden" name="_csrf" value="%s">
				<ul class="patients">""".formatted(
                        STYLE,
                        PATH,
                        HtmlUtils.htmlEscape(search),
                        HtmlUtils.htmlEscape(countLine(patients.size(), search)),
                        PATH,
                        HtmlUtils.htmlEscape(csrf.getToken())));
        for (Patient patient : patients) {
            String id = patient.getIdElement().getIdPart();
            html.append("<li><label><input type=\"radio\" name=\"patient\" value=\"")
                    .append(HtmlUtils.htmlEscape(id))
                    .append("\" data-patient-id=\"")
                    .append(HtmlUtils.htmlEscape(id))
                    .append("\"> ")
                    .append(HtmlUtils.htmlEscape(label(patient)))
                    .append("</label></li>");
        }
        html.append("</ul><button type=\"submit\" id=\"select\">Continue</button></form></div></body></html>");
        return html.toString();
    }

    @PostMapping(PATH)
    public void select(
            @RequestParam("patient") String patientId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        // Back to the authorization request that sent the user here, as remembered in the session (never a URL
        // taken from the form: no open redirect).
        Object waiting = request.getSession().getAttribute(PatientSelectionFilter.PICKED_FOR);
        if (!(waiting instanceof String authorizationRequest)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "no authorization request is waiting for a patient");
            return;
        }
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        UsernamePasswordAuthenticationToken withPatient =
                UsernamePasswordAuthenticationToken.authenticated(user.getPrincipal(), null, user.getAuthorities());
        withPatient.setDetails(new SelectedPatient(patientId));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(withPatient);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        response.sendRedirect(request.getContextPath() + authorizationRequest);
    }

    /** Up to {@value #LISTED} patients; with a search, those whose name matches it or whose id is it. */
    private List<Patient> patients(String search) {
        if (search.isEmpty()) {
            return firstListed(new SearchParameterMap());
        }
        java.util.Map<String, Patient> found = new java.util.LinkedHashMap<>();
        firstListed(new SearchParameterMap().add(Patient.SP_NAME, new StringParam(search)))
                .forEach(patient -> found.put(patient.getIdElement().getIdPart(), patient));
        if (search.matches("[A-Za-z0-9\\-.]{1,64}")) {
            firstListed(new SearchParameterMap().add("_id", new TokenParam(search)))
                    .forEach(patient -> found.putIfAbsent(patient.getIdElement().getIdPart(), patient));
        }
        return List.copyOf(found.values());
    }

    private List<Patient> firstListed(SearchParameterMap map) {
        IBundleProvider found =
                daos.getResourceDao("Patient").search(map.setLoadSynchronousUpTo(LISTED), new SystemRequestDetails());
        return found.getResources(0, LISTED).stream().map(Patient.class::cast).toList();
    }

    private static String countLine(int shown, String search) {
        String matching = search.isEmpty() ? "" : " matching \"" + search + "\"";
        return shown >= LISTED
                ? "The first " + LISTED + " patients" + matching + ": search to narrow the list."
                : shown + (shown == 1 ? " patient" : " patients") + matching + ".";
    }

    private static String label(Patient patient) {
        String name =
                patient.getName().isEmpty() ? "" : patient.getNameFirstRep().getNameAsSingleString();
        return (name.isBlank() ? "" : name + " ") + "(" + patient.getIdElement().getIdPart() + ")"
                + (patient.hasBirthDate()
                        ? ", born " + patient.getBirthDateElement().getValueAsString()
                        : "");
    }
}
