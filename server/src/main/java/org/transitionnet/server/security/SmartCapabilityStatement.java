package org.transitionnet.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

/** Announces SMART on FHIR in the CapabilityStatement: the security service and the OAuth URIs extension. */
public class SmartCapabilityStatement {

	static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

	private final SecurityProperties properties;

	public SmartCapabilityStatement(SecurityProperties properties) {
		this.properties = properties;
	}

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	public void addSecurity(IBaseConformance capabilities) {
		if (!(capabilities instanceof CapabilityStatement statement)) {
			return;
		}
		for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
			CapabilityStatement.CapabilityStatementRestSecurityComponent security = rest.getSecurity();
			security.setCors(true);
			security.setDescription("SMART App Launch v2 and SMART Backend Services; see .well-known/smart-configuration");
			CodeableConcept service = security.addService();
			service.addCoding().setSystem("http://terminology.hl7.org/CodeSystem/restful-security-service").setCode("SMART-on-FHIR");
			service.setText("OAuth2 using SMART-on-FHIR profile (see http://docs.smarthealthit.org)");
			Extension uris = security.addExtension().setUrl(OAUTH_URIS);
			uris.addExtension("token", new UriType(properties.tokenEndpoint()));
			uris.addExtension("authorize", new UriType(properties.authorizationEndpoint()));
		}
	}
}
