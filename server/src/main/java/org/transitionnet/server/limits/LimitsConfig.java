package org.transitionnet.server.limits;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.transitionnet.server.config.FhirEndpoint;
import org.transitionnet.server.config.RestfulServerContributor;

/** Request cost limits of the FHIR endpoint (see {@link LimitsProperties}). */
@Configuration
public class LimitsConfig {

    /** After Spring Security's filter chain (order -100): bodies of unauthenticated requests are never read. */
    static final int BODY_LIMIT_ORDER = 0;

    @Bean
    public FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(LimitsProperties limits) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(limits));
        registration.addUrlPatterns(FhirEndpoint.PATH + "/*");
        registration.setOrder(BODY_LIMIT_ORDER);
        registration.setName("requestBodyLimit");
        return registration;
    }

    @Bean
    public RestfulServerContributor bundleEntryLimit(LimitsProperties limits) {
        return server -> server.registerInterceptor(new BundleEntryLimit(limits.maxBundleEntries()));
    }
}
