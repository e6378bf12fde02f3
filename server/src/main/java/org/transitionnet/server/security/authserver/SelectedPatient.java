package org.transitionnet.server.security.authserver;

import java.io.Serializable;

/**
 * The patient a user picked during a standalone launch; kept as the details of the user's authentication,
 * which the authorization server stores with the authorization code, so the token can carry it.
 */
public record SelectedPatient(String patientId) implements Serializable {}
