package org.transitionnet.server.cluster;

import ca.uhn.fhir.batch2.api.IJobPersistence;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts {@link ClaimingJobPersistence} around HAPI's {@link IJobPersistence} bean, so every HAPI component
 * (maintenance, data sinks, reducer) records claims without being replaced. HAPI injects the bean by its
 * interface only, so the decorated bean can take its place.
 */
public class JobPersistenceDecorator implements BeanPostProcessor {

    private final ObjectProvider<ChunkClaims> claims;
    private final ObjectProvider<PlatformTransactionManager> transactions;

    public JobPersistenceDecorator(
            ObjectProvider<ChunkClaims> claims, ObjectProvider<PlatformTransactionManager> transactions) {
        this.claims = claims;
        this.transactions = transactions;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof IJobPersistence persistence) {
            TransactionTemplate[] template = new TransactionTemplate[1];
            return ClaimingJobPersistence.wrap(persistence, claims::getObject, () -> {
                if (template[0] == null) {
                    template[0] = new TransactionTemplate(transactions.getObject());
                }
                return template[0];
            });
        }
        return bean;
    }
}
