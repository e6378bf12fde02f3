package org.transitionnet.server.derivation.trajectory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.transitionnet.server.config.RestfulServerContributor;
import org.transitionnet.server.derivation.transition.TransitionDeriver;
import org.transitionnet.server.derivation.transition.TransitionStore;
import org.transitionnet.server.record.facts.FactStore;
import org.transitionnet.server.record.patient.PatientRecordLoader;

/** {@code $trajectory}: a patient's states, actions and transitions over time, read from the fact projection and the stored transitions. */
@Configuration
public class TrajectoryConfig {

    @Bean
    public RestfulServerContributor trajectoryOperation(
            PatientRecordLoader loader, FactStore facts, TransitionDeriver deriver, TransitionStore store) {
        return server -> server.registerProvider(
                new TrajectoryOperationProvider(loader, new TrajectoryBuilder(facts, deriver, store)));
    }
}
