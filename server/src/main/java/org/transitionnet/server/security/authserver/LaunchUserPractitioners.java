package org.transitionnet.server.security.authserver;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Practitioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.transitionnet.server.fhir.StoredResources;

/**
 * Makes the {@code fhirUser} of every launch user whose resource is the default one
 * ({@code Practitioner/{username}} on this server) resolvable: creates that Practitioner when it does not
 * exist yet, named after the user. A user configured with another {@code fhir-user} points at a resource
 * the operator provides. Part of the embedded authorization server only.
 */
@Component
@ConditionalOnProperty(name = "transitionnet.security.authorization-server.enabled", havingValue = "true")
public class LaunchUserPractitioners implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(LaunchUserPractitioners.class);

    private final AuthorizationServerProperties properties;
    private final DaoRegistry daos;

    public LaunchUserPractitioners(AuthorizationServerProperties properties, DaoRegistry daos) {
        this.properties = properties;
        this.daos = daos;
    }

    @Override
    public void run(ApplicationArguments args) {
        IFhirResourceDao<Practitioner> practitioners = daos.getResourceDao(Practitioner.class);
        for (AuthorizationServerProperties.User user : properties.users()) {
            if (!user.fhirUser().equals("Practitioner/" + user.username())
                    || !user.username().matches("[A-Za-z0-9\\-.]{1,64}")) {
                continue;
            }
            IdType id = new IdType("Practitioner", user.username());
            if (!StoredResources.exists(daos, Practitioner.class, user.username())) {
                Practitioner practitioner = new Practitioner();
                practitioner.setId(id);
                practitioner.setActive(true).addName().setText(user.username());
                practitioners.update(practitioner, new SystemRequestDetails());
                log.info("Created {} as the fhirUser of launch user {}", id.getValue(), user.username());
            }
        }
    }
}
