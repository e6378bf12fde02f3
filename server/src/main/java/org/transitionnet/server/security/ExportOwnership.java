package org.transitionnet.server.security;

/**
 * Who may see and cancel an export or another asynchronous job (a dataset build): the client that started it (its token's {@code client_id}, else
 * {@code azp}, else {@code sub}), or an administrator, a token holding {@code system/*.cruds} (or v1
 * {@code system/*.*}). Holding a read scope for the exported types is necessary but not enough.
 */
public final class ExportOwnership {

    private ExportOwnership() {}

    /** The owner recorded for an export the token's client starts. */
    public static String ownerOf(SmartAccessToken token) {
        return token.clientId();
    }

    public static boolean isAdministrator(SmartAccessToken token) {
        return token.scopes().stream().anyMatch(SmartRules::isFullSystemAccess);
    }

    /** @param owner the export's recorded owner; {@code null} (an export without one) is for administrators only */
    public static boolean mayAccess(SmartAccessToken token, String owner) {
        return isAdministrator(token) || (owner != null && owner.equals(ownerOf(token)));
    }
}
