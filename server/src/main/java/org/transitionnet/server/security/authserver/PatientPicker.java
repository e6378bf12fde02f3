package org.transitionnet.server.security.authserver;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

import java.io.IOException;
import java.util.List;

/**
 * The patient picker of a standalone launch ({@code launch/patient}): lists patients, and remembers the
 * chosen one with the user's login so the authorization code, and then the token, carry it.
 * Part of the embedded authorization server only.
 */
@Controller
@ResponseBody
@ConditionalOnProperty(name = "transitionnet.security.authorization-server.enabled", havingValue = "true")
public class PatientPicker {

	public static final String PATH = "/launch/select-patient";
	private static final int LISTED = 200;

	private final DaoRegistry daos;
	private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	public PatientPicker(DaoRegistry daos) {
		this.daos = daos;
	}

	@GetMapping(value = PATH, produces = "text/html")
	public String page(HttpServletRequest request) {
		CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		StringBuilder html = new StringBuilder("""
				<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Select a patient</title></head>
				<body><h1>Select a patient</h1><form method="post" action="%s">
				<input type="hidden" name="_csrf" value="%s">
				<ul>""".formatted(PATH, HtmlUtils.htmlEscape(csrf.getToken())));
		for (Patient patient : patients()) {
			String id = patient.getIdElement().getIdPart();
			html.append("<li><label><input type=\"radio\" name=\"patient\" value=\"").append(HtmlUtils.htmlEscape(id))
					.append("\" data-patient-id=\"").append(HtmlUtils.htmlEscape(id)).append("\"> ")
					.append(HtmlUtils.htmlEscape(label(patient))).append("</label></li>");
		}
		html.append("</ul><button type=\"submit\" id=\"select\">Continue</button></form></body></html>");
		return html.toString();
	}

	@PostMapping(PATH)
	public void select(@RequestParam("patient") String patientId, HttpServletRequest request, HttpServletResponse response)
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

	private List<Patient> patients() {
		IBundleProvider found = daos.getResourceDao("Patient")
				.search(new SearchParameterMap().setLoadSynchronousUpTo(LISTED), new SystemRequestDetails());
		return found.getResources(0, LISTED).stream().map(Patient.class::cast).toList();
	}

	private static String label(Patient patient) {
		String name = patient.getName().isEmpty() ? "" : patient.getNameFirstRep().getNameAsSingleString();
		return (name.isBlank() ? "" : name + " ") + "(" + patient.getIdElement().getIdPart() + ")"
				+ (patient.hasBirthDate() ? ", born " + patient.getBirthDateElement().getValueAsString() : "");
	}

}
