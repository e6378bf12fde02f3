package org.transitionnet.server.record.ingest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.transitionnet.server.config.RestfulServerContributor;

/**
 * Values the database cannot store faithfully are refused with 400 before they reach it, whoever writes
 * them (a client, a transaction entry, a job): registered with HAPI's storage interceptors, not only
 * the REST endpoint's.
 */
@Configuration
public class WriteGuardsConfig {

    @Bean
    public NonFiniteDecimalGuard nonFiniteDecimalGuard(FhirContext context, IInterceptorService interceptors) {
        NonFiniteDecimalGuard guard = new NonFiniteDecimalGuard(context);
        interceptors.registerInterceptor(guard);
        return guard;
    }

    @Bean
    public NulCharacterGuard nulCharacterGuard(FhirContext context, IInterceptorService interceptors) {
        NulCharacterGuard guard = new NulCharacterGuard(context);
        interceptors.registerInterceptor(guard);
        return guard;
    }

    @Bean
    public RestfulServerContributor nulCharacterInUrlGuard() {
        return server -> server.registerInterceptor(new NulCharacterInUrlGuard());
    }
}
