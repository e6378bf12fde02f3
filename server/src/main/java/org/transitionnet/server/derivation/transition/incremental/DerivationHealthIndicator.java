package org.transitionnet.server.derivation.transition.incremental;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.transitionnet.server.derivation.transition.DerivationBacklog;

/**
 * The {@code derivation} component of {@code /actuator/health}: UP with the backlog as details (patients
 * waiting, in progress, failed). A backlog is normal work, never a reason to take the node out of a load
 * balancer; only an unreadable backlog (the database unreachable) is DOWN.
 */
public class DerivationHealthIndicator extends AbstractHealthIndicator {

    private final DerivationBacklog backlog;

    public DerivationHealthIndicator(DerivationBacklog backlog) {
        super("Derivation backlog could not be read");
        this.backlog = backlog;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        DerivationBacklog.Counts counts = backlog.counts();
        builder.up()
                .withDetail("patientsWaiting", counts.waiting())
                .withDetail("patientsInProgress", counts.inProgress())
                .withDetail("patientsFailed", counts.failed());
    }
}
