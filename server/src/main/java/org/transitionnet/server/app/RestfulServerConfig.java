package org.transitionnet.server.app;

import ca.uhn.fhir.batch2.jobs.bulkmodify.reindex.ReindexProvider;
import ca.uhn.fhir.batch2.jobs.export.BulkDataExportProvider;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.provider.ValueSetOperationProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.openapi.OpenApiInterceptor;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.List;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.transitionnet.server.config.FhirEndpoint;
import org.transitionnet.server.config.FhirServerProperties;
import org.transitionnet.server.config.RestfulServerContributor;
import org.transitionnet.server.ig.IgCapabilityStatementProvider;
import org.transitionnet.server.ig.ImplementationGuidePackage;

/** The FHIR REST endpoint at {@code /fhir}: HAPI's RestfulServer with the JPA providers. */
@Configuration
public class RestfulServerConfig {

    public static final String FHIR_PATH = FhirEndpoint.PATH;

    @Bean
    public RestfulServer restfulServer(
            IFhirSystemDao<?, ?> systemDao,
            ResourceProviderFactory resourceProviders,
            JpaSystemProvider<?, ?> systemProvider,
            JpaStorageSettings storageSettings,
            ISearchParamRegistry searchParamRegistry,
            IValidationSupport validationSupport,
            DatabaseBackedPagingProvider pagingProvider,
            ValueSetOperationProvider valueSetOperations,
            BulkDataExportProvider bulkDataExportProvider,
            ReindexProvider reindexProvider,
            FhirServerProperties properties,
            ImplementationGuidePackage ig,
            List<RestfulServerContributor> contributors) {
        RestfulServer server = new RestfulServer(systemDao.getContext());
        // Stored resources keep the narrative their sender wrote; the server never invents one.
        server.getFhirContext().setNarrativeGenerator(new NullNarrativeGenerator());
        server.registerProviders(resourceProviders.createProviders());
        server.registerProvider(systemProvider);
        server.registerProvider(valueSetOperations);
        server.registerProvider(bulkDataExportProvider);
        server.registerProvider(reindexProvider);

        IgCapabilityStatementProvider capabilities = new IgCapabilityStatementProvider(
                server, systemDao, storageSettings, searchParamRegistry, validationSupport, ig);
        capabilities.setImplementationDescription("TransitionNet FHIR R4 server");
        server.setServerConformanceProvider(capabilities);
        server.setServerName("TransitionNet");

        pagingProvider.setDefaultPageSize(properties.defaultPageSize());
        pagingProvider.setMaximumPageSize(properties.maxPageSize());
        server.setPagingProvider(pagingProvider);
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setServerAddressStrategy(
                properties.serverAddress().isBlank()
                        ? new IncomingRequestAddressStrategy()
                        : new HardcodedServerAddressStrategy(properties.serverAddress()));

        server.registerInterceptor(new ResponseHighlighterInterceptor());
        if (properties.openapiEnabled()) {
            server.registerInterceptor(new OpenApiInterceptor());
        }
        contributors.forEach(contributor -> contributor.contributeTo(server));
        return server;
    }

    @Bean
    public ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer restfulServer) {
        ServletRegistrationBean<RestfulServer> registration =
                new ServletRegistrationBean<>(restfulServer, FHIR_PATH + "/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
