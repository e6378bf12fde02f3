package org.transitionnet.server.errors;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.transitionnet.server.config.RestfulServerContributor;

/**
 * Every error answer is an OperationOutcome without internal text: HAPI's error answers are cleaned by
 * {@link ErrorAnswerSanitizer}, the servlet error page is {@link OperationOutcomeErrorController}, and
 * Tomcat's own last-resort page is {@link OperationOutcomeErrorReportValve}.
 */
@Configuration
public class ErrorAnswersConfig {

    @Bean
    public RestfulServerContributor errorAnswerSanitizer() {
        return server -> server.registerInterceptor(new ErrorAnswerSanitizer());
    }

    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> operationOutcomeErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(OperationOutcomeErrorReportValve.class.getName());
            }
        });
    }
}
