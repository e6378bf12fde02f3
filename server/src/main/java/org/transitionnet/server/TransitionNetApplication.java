package org.transitionnet.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * TransitionNet: a FHIR R4 server (HAPI FHIR JPA) that derives state–action–follow-up transitions
 * from what clinical systems record. Derived transitions are observational research data.
 */
// HAPI brings its own persistence unit and schema migrator (see FhirJpaConfig); Boot's JPA and Flyway
// auto-configuration would build second, conflicting ones. No Elasticsearch is used: search runs on SQL.
@SpringBootApplication(exclude = {
	HibernateJpaAutoConfiguration.class,
	FlywayAutoConfiguration.class,
	ElasticsearchRestClientAutoConfiguration.class
})
@ConfigurationPropertiesScan
public class TransitionNetApplication {

	public static void main(String[] args) {
		SpringApplication.run(TransitionNetApplication.class, args);
	}
}
