package org.transitionnet.server.product.job;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.transitionnet.server.derivation.transition.job.CreatedChunks;
import org.transitionnet.server.release.policy.ResearchPatients;

/** The shared steps every product job over patients is made of ({@link PatientJobSteps}). */
@Configuration
public class ProductJobConfig {

    @Bean
    public PatientJobSteps patientJobSteps(
            DaoRegistry daos, JdbcTemplate jdbc, ResearchPatients patients, IHapiTransactionService transactions) {
        return new PatientJobSteps(daos, new CreatedChunks(jdbc), patients, transactions);
    }
}
