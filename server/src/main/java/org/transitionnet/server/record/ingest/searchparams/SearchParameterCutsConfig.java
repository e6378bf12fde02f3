package org.transitionnet.server.record.ingest.searchparams;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.List;
import org.hl7.fhir.r4.model.SearchParameter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.transitionnet.server.config.StartupLock;
import org.transitionnet.server.record.ingest.IngestProperties;

/** Cuts the built-in search parameters nobody searches before the server takes its first write. */
@Configuration
public class SearchParameterCutsConfig {

    @Bean
    public IndexedSearchParameters indexedSearchParameters(
            IngestProperties ingest, ResourceLoader resources, FhirContext fhirContext) {
        return ingest.searchParameters().isEmpty()
                ? IndexedSearchParameters.all()
                : new IndexedSearchParametersLoader(fhirContext).load(resources.getResource(ingest.searchParameters()));
    }

    @Bean
    public SearchParameterCutInstaller.Outcome searchParameterCuts(
            IndexedSearchParameters selection,
            FhirContext fhirContext,
            DaoRegistry daos,
            JpaStorageSettings storageSettings,
            ISearchParamRegistry registry,
            StartupLock startupLock) {
        List<SearchParameter> overrides = new SearchParameterCuts(fhirContext).overrides(selection);
        return new SearchParameterCutInstaller(
                        daos.getResourceDao(SearchParameter.class), storageSettings, registry, startupLock)
                .install(overrides);
    }
}
