package org.transitionnet.server.security.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How requests without a valid token are audited: not one AuditEvent each (anyone could fill the
 * database), but one per source address and time window, with the number of requests.
 *
 * @param unauthenticatedWindow     length of a window; its AuditEvents are written when it closes
 * @param unauthenticatedMaxSources distinct source addresses counted separately per window; the
 *                                  requests of further sources are counted together
 */
@ConfigurationProperties("transitionnet.audit")
public record AuditProperties(Duration unauthenticatedWindow, Integer unauthenticatedMaxSources) {

    public AuditProperties {
        unauthenticatedWindow = unauthenticatedWindow == null ? Duration.ofMinutes(1) : unauthenticatedWindow;
        unauthenticatedMaxSources = unauthenticatedMaxSources == null ? 1000 : unauthenticatedMaxSources;
        if (unauthenticatedWindow.isNegative() || unauthenticatedWindow.isZero() || unauthenticatedMaxSources < 1) {
            throw new IllegalArgumentException(
                    "transitionnet.audit.unauthenticated-window and -max-sources must be positive");
        }
    }
}
