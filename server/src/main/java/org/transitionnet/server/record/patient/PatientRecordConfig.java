package org.transitionnet.server.record.patient;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.transitionnet.catalogue.MappingCatalogue;

/** Reading a patient's source record through HAPI's DAOs, with each action kind's patient reference from the catalogue. */
@Configuration
public class PatientRecordConfig {

    @Bean
    public PatientRecordLoader patientRecordLoader(DaoRegistry daos, MappingCatalogue catalog) {
        return new PatientRecordLoader(daos, catalog.actionPatientReferences());
    }
}
