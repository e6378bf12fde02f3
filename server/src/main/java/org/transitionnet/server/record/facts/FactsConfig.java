package org.transitionnet.server.record.facts;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.config.DatabaseKind;
import org.transitionnet.server.config.SchemaMigration;
import org.transitionnet.server.record.mapping.ActionClassifier;
import org.transitionnet.server.record.mapping.ObservationClassifier;
import org.transitionnet.server.record.mapping.SourceTypes;
import org.transitionnet.server.record.mapping.UnitConverter;
import org.transitionnet.server.record.patient.PatientRecordLoader;

/** The clinical-fact projection: its store, the interceptor that writes it with every source change, and rebuilds. */
@Configuration
public class FactsConfig {

    @Bean
    public FactStore factStore(
            JdbcTemplate jdbc, MappingCatalogue catalog, DatabaseKind databaseKind, SchemaMigration schemaReady) {
        return new FactStore(jdbc, catalog, databaseKind);
    }

    /** Facts from source resources: the same extractor for the projection written on every change and for rebuilds. */
    @Bean
    public FactExtractor factExtractor(MappingCatalogue catalog) {
        return new FactExtractor(
                new ObservationClassifier(catalog, new UnitConverter()), new ActionClassifier(catalog));
    }

    @Bean
    public FactProjectionInterceptor factProjectionInterceptor(
            FactExtractor extractor,
            FactStore store,
            DaoRegistry daos,
            SourceTypes sourceTypes,
            IInterceptorService interceptors) {
        FactProjectionInterceptor interceptor = new FactProjectionInterceptor(extractor, store, daos, sourceTypes);
        interceptors.registerInterceptor(interceptor);
        return interceptor;
    }

    @Bean
    public FactRebuilder factRebuilder(
            PatientRecordLoader loader, FactExtractor extractor, FactStore store, MappingCatalogue catalog) {
        return new FactRebuilder(loader, extractor, store, catalog);
    }
}
