package org.transitionnet.server.security.authserver;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The launch contexts of EHR launches: the server issues an opaque {@code launch} value bound to a patient,
 * the user who launched and the app's client; the app's authorization request presents it once, within
 * {@value #LIFETIME_MINUTES} minutes, for that user and client only. Kept in this node's memory, like the
 * login session that follows it (the authorizations themselves are stored in the database).
 */
@Component
@ConditionalOnProperty(name = "transitionnet.security.authorization-server.enabled", havingValue = "true")
public class EhrLaunchContexts {

    static final long LIFETIME_MINUTES = 5;

    record Context(String patientId, String username, String clientId, Instant expires) {}

    private final Map<String, Context> contexts = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    String issue(String patientId, String username, String clientId) {
        Instant now = Instant.now();
        contexts.values().removeIf(context -> context.expires().isBefore(now));
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String launch = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        contexts.put(
                launch, new Context(patientId, username, clientId, now.plus(Duration.ofMinutes(LIFETIME_MINUTES))));
        return launch;
    }

    /** The context of {@code launch}, spent by this call, when it was issued to this user for this client and is still valid. */
    Optional<Context> claim(String launch, String username, String clientId) {
        Context context = contexts.remove(launch);
        if (context == null
                || context.expires().isBefore(Instant.now())
                || !context.username().equals(username)
                || !context.clientId().equals(clientId)) {
            return Optional.empty();
        }
        return Optional.of(context);
    }
}
