package org.transitionnet.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

/**
 * Announces SMART on FHIR in the CapabilityStatement: the security service and the OAuth URIs extension
 * with the endpoints that exist in the running mode ({@link AdvertisedEndpoints}).
 */
public class SmartCapabilityStatement {

    static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

    private final AdvertisedEndpoints endpoints;

    public SmartCapabilityStatement(AdvertisedEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void addSecurity(IBaseConformance capabilities) {
        if (!(capabilities instanceof CapabilityStatement statement)) {
            return;
        }
        for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
            CapabilityStatement.CapabilityStatementRestSecurityComponent security = rest.getSecurity();
            security.setCors(true);
            security.setDescription(
                    "SMART App Launch v2 and SMART Backend Services; see .well-known/smart-configuration");
            CodeableConcept service = security.addService();
            service.addCoding()
                    .setSystem("http://terminology.hl7.org/CodeSystem/restful-security-service")
                    .setCode("SMART-on-FHIR");
            service.setText("OAuth2 using SMART-on-FHIR profile (see http://docs.smarthealthit.org)");
            if (endpoints.tokenEndpoint().isEmpty()
                    && endpoints.authorizationEndpoint().isEmpty()) {
                continue;
            }
            Extension uris = security.addExtension().setUrl(OAUTH_URIS);
            endpoints.tokenEndpoint().ifPresent(url -> uris.addExtension("token", new UriType(url)));
            endpoints.authorizationEndpoint().ifPresent(url -> uris.addExtension("authorize", new UriType(url)));
        }
    }
}
