package org.transitionnet.server.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART clinical scope, v1 ({@code patient/Observation.read}) or v2 ({@code patient/Observation.rs},
 * optionally restricted by a query: {@code patient/Observation.rs?category=laboratory}).
 *
 * @param resourceType a FHIR resource type, or {@code *} for all
 * @param query        search parameters the granted resources must match, or {@code null}
 */
public record SmartScope(Context context, String resourceType, Set<Permission> permissions, String query) {

    public enum Context {
        PATIENT,
        USER,
        SYSTEM
    }

    /** SMART v2 permissions; v1 {@code read} is r+s, {@code write} is c+u+d, {@code *} is all. */
    public enum Permission {
        C,
        R,
        U,
        D,
        S
    }

    private static final Pattern SYNTAX =
            Pattern.compile("^(patient|user|system)/(\\*|[A-Z][A-Za-z]+)\\.([a-z*]+)(?:\\?(.+))?$");
    private static final String V2_ORDER = "cruds";

    public static Optional<SmartScope> parse(String scope) {
        Matcher m = SYNTAX.matcher(scope);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<Set<Permission>> permissions = permissions(m.group(3));
        if (permissions.isEmpty() || (m.group(4) != null && isV1(m.group(3)))) {
            // A query restriction is a v2 feature; on a v1 scope it is malformed and grants nothing.
            return Optional.empty();
        }
        return Optional.of(new SmartScope(
                Context.valueOf(m.group(1).toUpperCase(Locale.ROOT)), m.group(2), permissions.get(), m.group(4)));
    }

    public boolean grants(Permission permission) {
        return permissions.contains(permission);
    }

    public boolean appliesTo(String type) {
        return "*".equals(resourceType) || resourceType.equals(type);
    }

    public boolean allTypes() {
        return "*".equals(resourceType);
    }

    private static boolean isV1(String permissions) {
        return permissions.equals("read") || permissions.equals("write") || permissions.equals("*");
    }

    private static Optional<Set<Permission>> permissions(String text) {
        switch (text) {
            case "read":
                return Optional.of(EnumSet.of(Permission.R, Permission.S));
            case "write":
                return Optional.of(EnumSet.of(Permission.C, Permission.U, Permission.D));
            case "*":
                return Optional.of(EnumSet.allOf(Permission.class));
            default:
                break;
        }
        // v2: a non-empty subsequence of "cruds", letters in that order, each at most once.
        int last = -1;
        Set<Permission> result = EnumSet.noneOf(Permission.class);
        for (char c : text.toCharArray()) {
            int index = V2_ORDER.indexOf(c);
            if (index <= last) {
                return Optional.empty();
            }
            last = index;
            result.add(Permission.valueOf(String.valueOf(c).toUpperCase(Locale.ROOT)));
        }
        return result.isEmpty() ? Optional.empty() : Optional.of(result);
    }
}
