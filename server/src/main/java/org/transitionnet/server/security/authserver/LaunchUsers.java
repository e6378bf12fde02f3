package org.transitionnet.server.security.authserver;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The users who may log in for a launch and the FHIR resource each of them is ({@code fhirUser}): an
 * absolute URL, or a reference resolved against the FHIR base URL.
 */
final class LaunchUsers {

    private final Map<String, String> fhirUsers;

    LaunchUsers(List<AuthorizationServerProperties.User> users, String fhirBase) {
        this.fhirUsers = users.stream()
                .collect(Collectors.toUnmodifiableMap(
                        AuthorizationServerProperties.User::username,
                        user -> absolute(user.fhirUser(), fhirBase),
                        (first, second) -> first));
    }

    /** The absolute URL of the user's FHIR resource, if the user is known. */
    Optional<String> fhirUser(String username) {
        return Optional.ofNullable(fhirUsers.get(username));
    }

    Function<String, Optional<String>> asFunction() {
        return this::fhirUser;
    }

    static String absolute(String reference, String fhirBase) {
        if (reference.startsWith("http://") || reference.startsWith("https://")) {
            return reference;
        }
        return (fhirBase.endsWith("/") ? fhirBase : fhirBase + "/") + reference;
    }
}
