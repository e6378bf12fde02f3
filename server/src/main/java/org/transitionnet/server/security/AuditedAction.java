package org.transitionnet.server.security;

/**
 * One access worth an AuditEvent.
 *
 * @param kind        what happened
 * @param subtype     the FHIR interaction or operation (restful-interaction code, or an operation name)
 * @param agent       who asked: the token's client and user, or {@code null} when no valid token was sent
 * @param patientId   the patient whose data was involved, or {@code null}
 * @param requestUrl  the request as received (path and query)
 * @param clientAddress network address of the caller
 * @param status      HTTP status of the answer
 * @param reason      why access was denied, or {@code null}
 */
public record AuditedAction(
        Kind kind,
        String subtype,
        Agent agent,
        String patientId,
        String requestUrl,
        String clientAddress,
        int status,
        String reason) {

    /** What happened, with the AuditEvent action code it is recorded under. */
    public enum Kind {
        TRAJECTORY_READ("R"),
        TRANSITIONS_READ("R"),
        BULK_EXPORT_KICK_OFF("E"),
        BULK_EXPORT_DOWNLOAD("R"),
        BULK_IMPORT_KICK_OFF("C"),
        RESEARCH_EXPORT_KICK_OFF("E"),
        RESEARCH_EXPORT_DOWNLOAD("R"),
        RESEARCH_EXPORT_CANCEL("D"),
        DATASET_BUILD("E"),
        DATASET_BUILD_CANCEL("D"),
        DATASET_DOWNLOAD("R"),
        EVALUATION("E"),
        ACCESS_DENIED("R");

        private final String action;

        Kind(String action) {
            this.action = action;
        }

        /** The AuditEvent.action code: E execute, C create, R read, D delete. */
        public String action() {
            return action;
        }
    }

    /** @param clientId OAuth client; {@code user} the end user (token subject) when it differs */
    public record Agent(String clientId, String user) {}

    public boolean denied() {
        return kind == Kind.ACCESS_DENIED;
    }
}
