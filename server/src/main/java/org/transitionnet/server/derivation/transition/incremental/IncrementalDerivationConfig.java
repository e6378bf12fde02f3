package org.transitionnet.server.derivation.transition.incremental;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.delete.ThreadSafeResourceDeleterSvc;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.transitionnet.server.derivation.transition.DerivationBacklog;
import org.transitionnet.server.derivation.transition.DirtyPatientQueue;
import org.transitionnet.server.derivation.transition.TransitionProperties;
import org.transitionnet.server.record.mapping.SourceTypes;

/** Incremental derivation: source changes mark patients dirty, a flusher hands them to the derivation job, a reconciler and a health indicator watch the backlog. */
@Configuration
@EnableScheduling
public class IncrementalDerivationConfig {

    @Bean
    public DerivedDependentsDeleter derivedDependentsDeleter(
            ThreadSafeResourceDeleterSvc deleter, IInterceptorService interceptors) {
        DerivedDependentsDeleter interceptor = new DerivedDependentsDeleter(deleter);
        interceptors.registerInterceptor(interceptor);
        return interceptor;
    }

    @Bean
    @ConditionalOnProperty(name = "transitionnet.transition.incremental", havingValue = "true", matchIfMissing = true)
    public SourceChangeInterceptor sourceChangeInterceptor(
            DirtyPatientQueue queue, SourceTypes sourceTypes, IInterceptorService interceptors) {
        SourceChangeInterceptor interceptor = new SourceChangeInterceptor(queue, sourceTypes);
        interceptors.registerInterceptor(interceptor);
        return interceptor;
    }

    @Bean
    @ConditionalOnProperty(name = "transitionnet.transition.incremental", havingValue = "true", matchIfMissing = true)
    public DirtyPatientFlusher dirtyPatientFlusher(
            DirtyPatientQueue queue,
            IJobCoordinator jobs,
            ca.uhn.fhir.batch2.api.IJobMaintenanceService maintenance,
            PlatformTransactionManager tx,
            TransitionProperties properties) {
        HandedJobWatch watch =
                new HandedJobWatch(queue, jobs, Duration.ofMillis(properties.stalledJobTimeoutMs()), Clock.systemUTC());
        return new DirtyPatientFlusher(queue, watch, jobs, maintenance, new TransactionTemplate(tx));
    }

    @Bean
    @ConditionalOnProperty(name = "transitionnet.transition.incremental", havingValue = "true", matchIfMissing = true)
    public DerivationReconciler derivationReconciler(DirtyPatientQueue queue) {
        return new DerivationReconciler(queue);
    }

    /** {@code /actuator/health} component "derivation". */
    @Bean
    public DerivationHealthIndicator derivationHealthIndicator(DerivationBacklog backlog) {
        return new DerivationHealthIndicator(backlog);
    }
}
