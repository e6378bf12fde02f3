package org.transitionnet.server.ig;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * HAPI's JPA CapabilityStatement provider that also answers for the IG's OperationDefinitions: once
 * {@link IgCapabilityStatement} points an operation at the IG's canonical URL, whatever follows that
 * reference through the provider (HAPI's OpenAPI generator does) gets the IG's definition, with its typed
 * parameters, instead of "not found".
 */
public class IgCapabilityStatementProvider extends JpaCapabilityStatementProvider {

    private final RestfulServer server;
    private final ImplementationGuidePackage ig;

    public IgCapabilityStatementProvider(
            RestfulServer server,
            IFhirSystemDao<?, ?> systemDao,
            JpaStorageSettings storageSettings,
            ISearchParamRegistry searchParamRegistry,
            IValidationSupport validationSupport,
            ImplementationGuidePackage ig) {
        super(server, systemDao, storageSettings, searchParamRegistry, validationSupport);
        this.server = server;
        this.ig = ig;
    }

    @Override
    public IBaseResource readOperationDefinition(IIdType id, RequestDetails request) {
        if (id != null) {
            for (ImplementationGuidePackage.OperationDefinitionRef operation : ig.operations()) {
                if (operation.url().equals(id.getValue())) {
                    return server.getFhirContext().newJsonParser().parseResource(operation.json());
                }
            }
        }
        return super.readOperationDefinition(id, request);
    }
}
