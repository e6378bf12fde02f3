package org.transitionnet.server.security.authserver;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Removes the stored authorizations whose every token has expired (see {@link StoredAuthorizations}): the
 * authorization server refuses them anyway, and every token it issues, a Backend Services token as much as a launch,
 * adds a row that it never removes itself. Every node may run it; the deletion is idempotent.
 */
public class ExpiredAuthorizationPurger {

    private static final Logger log = LoggerFactory.getLogger(ExpiredAuthorizationPurger.class);

    /** Kept a while past their expiry, so that nodes whose clocks differ a little never disagree. */
    static final Duration GRACE = Duration.ofMinutes(10);

    private static final String[] TOKENS = {
        "authorization_code", "access_token", "oidc_id_token", "refresh_token", "user_code", "device_code"
    };

    private final JdbcOperations jdbc;

    public ExpiredAuthorizationPurger(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(
            fixedDelayString = "${transitionnet.security.authorization-server.purge-interval:PT1H}",
            initialDelayString = "${transitionnet.security.authorization-server.purge-interval:PT1H}")
    public void purgeExpired() {
        try {
            int purged = purgeExpiredBefore(Instant.now().minus(GRACE));
            if (purged > 0) {
                log.info("Purged {} expired authorization(s) of the embedded authorization server", purged);
            }
        } catch (RuntimeException e) {
            log.warn("Could not purge expired authorizations; will retry: {}", e.getMessage());
        }
    }

    /** Deletes the authorizations with at least one token whose tokens all expired before the cutoff; returns how many. */
    int purgeExpiredBefore(Instant cutoff) {
        StringBuilder sql = new StringBuilder("DELETE FROM oauth2_authorization WHERE (");
        Object[] arguments = new Object[TOKENS.length];
        for (int i = 0; i < TOKENS.length; i++) {
            sql.append(i == 0 ? "" : " OR ").append(TOKENS[i]).append("_expires_at IS NOT NULL");
        }
        sql.append(")");
        for (int i = 0; i < TOKENS.length; i++) {
            sql.append(" AND (")
                    .append(TOKENS[i])
                    .append("_expires_at IS NULL OR ")
                    .append(TOKENS[i])
                    .append("_expires_at < ?)");
            arguments[i] = Timestamp.from(cutoff);
        }
        return jdbc.update(sql.toString(), arguments);
    }
}
