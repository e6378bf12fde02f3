package org.transitionnet.server.derivation.transition.job;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.model.JobDefinition;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.transitionnet.server.config.RestfulServerContributor;
import org.transitionnet.server.derivation.transition.DerivationBacklog;
import org.transitionnet.server.derivation.transition.DerivationService;
import org.transitionnet.server.derivation.transition.TransitionProperties;

/** The Batch2 derivation job and {@code $rederive}, which starts it. */
@Configuration
public class DeriveJobConfig {

    @Bean
    public JobDefinition<DeriveJobParameters> deriveTransitionsJob(
            DaoRegistry daos, DerivationService derivation, TransitionProperties properties, JdbcTemplate jdbc) {
        return DeriveTransitionsJob.definition(
                new SelectPatientsStep(daos, properties.patientsPerChunk(), new CreatedChunks(jdbc)),
                new DerivePatientsStep(derivation));
    }

    @Bean
    public RestfulServerContributor rederiveOperation(
            IJobCoordinator jobs,
            ca.uhn.fhir.batch2.api.IJobMaintenanceService maintenance,
            DaoRegistry daos,
            DerivationBacklog backlog) {
        return server -> server.registerProvider(new RederiveOperationProvider(jobs, maintenance, daos, backlog));
    }
}
