package org.transitionnet.server.security;

import java.util.Set;
import org.transitionnet.server.security.AuditedAction.Kind;
import org.transitionnet.server.security.OperationAccess.Compartment;
import org.transitionnet.server.security.SmartScope.Context;
import org.transitionnet.server.security.SmartScope.Permission;

/**
 * One operation's {@link OperationAccess} declaration, checked and in the form the authorization rules and the
 * audit trail use. It is granted either by a clinical SMART scope ({@code resourceType}, {@code permissions},
 * {@code contexts}) or by a product scope ({@code productScope}), never by both kinds.
 *
 * @param name         the operation name, with its {@code $}
 * @param resourceType the type in the declared clinical scope, or {@code *}; {@code null} with a product scope
 * @param permissions  the letters of the declared clinical scope; empty with a product scope
 * @param contexts     the SMART contexts whose scopes count; empty with a product scope
 * @param productScope the product scope that grants the operation, or {@code null} for a clinical declaration
 * @param audit        the AuditEvent kind recorded on completion, or {@code null}
 * @param auditDelete  the AuditEvent kind recorded on a {@code DELETE} call, or {@code null}
 */
public record OperationDeclaration(
        String name,
        String resourceType,
        Set<Permission> permissions,
        Set<Context> contexts,
        ProductScope productScope,
        Compartment compartment,
        Kind audit,
        Kind auditDelete) {

    public OperationDeclaration {
        permissions = Set.copyOf(permissions);
        contexts = Set.copyOf(contexts);
    }

    /**
     * Whether a clinical token scope grants this operation: unfiltered, in a declared context, covering the type and
     * every letter. Never for an operation declared with a product scope.
     */
    public boolean grantedBy(SmartScope scope) {
        return productScope == null
                && contexts.contains(scope.context())
                && scope.query() == null
                && ("*".equals(resourceType) ? scope.allTypes() : scope.appliesTo(resourceType))
                && scope.permissions().containsAll(permissions);
    }

    /** Whether a product token scope grants this operation: exactly the declared one. */
    public boolean grantedBy(ProductScope scope) {
        return productScope != null && productScope.equals(scope);
    }

    /** The AuditEvent kind a call with this HTTP method records, or {@code null}. */
    public Kind auditFor(boolean delete) {
        return delete ? auditDelete : audit;
    }
}
