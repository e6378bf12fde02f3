package org.transitionnet.server.security;

import org.transitionnet.server.security.OperationAccess.Compartment;
import org.transitionnet.server.security.SmartScope.Context;
import org.transitionnet.server.security.SmartScope.Permission;
import org.transitionnet.server.security.audit.AuditedAction.Kind;

import java.util.Set;

/**
 * One operation's {@link OperationAccess} declaration, checked and in the form the authorization rules and the
 * audit trail use.
 *
 * @param name        the operation name, with its {@code $}
 * @param resourceType the type in the declared scope, or {@code *}
 * @param permissions the letters of the declared scope
 * @param audit       the AuditEvent kind recorded on completion, or {@code null}
 * @param auditDelete the AuditEvent kind recorded on a {@code DELETE} call, or {@code null}
 */
public record OperationDeclaration(String name, String resourceType, Set<Permission> permissions, Set<Context> contexts,
		Compartment compartment, Kind audit, Kind auditDelete) {

	public OperationDeclaration {
		permissions = Set.copyOf(permissions);
		contexts = Set.copyOf(contexts);
	}

	/** Whether a token scope grants this operation: unfiltered, in a declared context, covering the type and every letter. */
	public boolean grantedBy(SmartScope scope) {
		return contexts.contains(scope.context()) && scope.query() == null
				&& ("*".equals(resourceType) ? scope.allTypes() : scope.appliesTo(resourceType))
				&& scope.permissions().containsAll(permissions);
	}

	/** The AuditEvent kind a call with this HTTP method records, or {@code null}. */
	public Kind auditFor(boolean delete) {
		return delete ? auditDelete : audit;
	}
}
