package org.transitionnet.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * TransitionNet: a FHIR R4 server (HAPI FHIR JPA) that derives state–action–follow-up transitions
 * from what clinical systems record. Derived transitions are observational research data.
 */
// HAPI brings its own persistence unit and schema migrator (see FhirJpaConfig); Boot's JPA and Flyway
// auto-configuration would build second, conflicting ones. No Elasticsearch is used: search runs on SQL.
// Security is configured by the security package (resource server, optional embedded authorization server):
// Boot's own authorization-server and default-user set-ups would add a second issuer and a generated password.
@SpringBootApplication(
        exclude = {
            HibernateJpaAutoConfiguration.class,
            FlywayAutoConfiguration.class,
            ElasticsearchRestClientAutoConfiguration.class,
            OAuth2AuthorizationServerAutoConfiguration.class,
            OAuth2AuthorizationServerJwtAutoConfiguration.class,
            UserDetailsServiceAutoConfiguration.class
        })
@ConfigurationPropertiesScan
public class TransitionNetApplication {

    public static void main(String[] args) {
        SpringApplication.run(TransitionNetApplication.class, args);
    }
}
