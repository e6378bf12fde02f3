package org.transitionnet.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceOperationComponent;

/**
 * The CapabilityStatement says, for each of the server's own operations, what its {@link OperationAccess}
 * declaration says: the SMART scopes (or the product scope, e.g. {@code benchmark/*.read}) that grant it, whether it works on one patient's record or across
 * patients, and the AuditEvent it records. A client learns the access rules from {@code /metadata}, read from
 * the same declarations that {@link SmartRules} enforces and the audit trail follows.
 */
public class OperationAccessCapabilities {

    /** Looked up when the statement is generated: the declarations are read from the finished endpoint. */
    private final Supplier<OperationDeclarations> declarations;

    public OperationAccessCapabilities(Supplier<OperationDeclarations> declarations) {
        this.declarations = declarations;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void describeAccess(IBaseConformance capabilities) {
        if (!(capabilities instanceof CapabilityStatement statement)) {
            return;
        }
        for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
            rest.getResource().forEach(resource -> resource.getOperation().forEach(this::describe));
            rest.getOperation().forEach(this::describe);
        }
    }

    private void describe(CapabilityStatementRestResourceOperationComponent operation) {
        String name = operation.getName().startsWith("$") ? operation.getName() : "$" + operation.getName();
        declarations.get().find(name).ifPresent(declaration -> {
            String text = access(declaration);
            if (operation.getDocumentation() == null
                    || !operation.getDocumentation().contains(text)) {
                operation.setDocumentation(
                        operation.getDocumentation() == null ? text : operation.getDocumentation() + "\n\n" + text);
            }
        });
    }

    /**
     * E.g. "Access: SMART scope patient/Observation.r or system/Observation.r (one patient's record); audited as ...", or
     * for a product scope "Access: scope benchmark/*.read (grants no clinical data; across patients) ...".
     */
    static String access(OperationDeclaration declaration) {
        String where = declaration.compartment() == OperationAccess.Compartment.PATIENT
                ? "one patient's record"
                : "across patients";
        String audit = declaration.audit() == null
                ? ""
                : "; recorded as AuditEvent "
                        + declaration.audit().name().toLowerCase(Locale.ROOT).replace('_', '-');
        if (declaration.productScope() != null) {
            return "Access: scope " + declaration.productScope() + " (grants no clinical data; " + where + ")" + audit
                    + ".";
        }
        String letters = "cruds"
                .chars()
                .mapToObj(c -> String.valueOf((char) c))
                .filter(l ->
                        declaration.permissions().contains(SmartScope.Permission.valueOf(l.toUpperCase(Locale.ROOT))))
                .collect(Collectors.joining());
        String scopes = declaration.contexts().stream()
                .sorted()
                .map(c -> c.name().toLowerCase(Locale.ROOT) + "/" + declaration.resourceType() + "." + letters)
                .collect(Collectors.joining(" or "));
        return "Access: SMART scope " + scopes + " (" + where + ")" + audit + ".";
    }
}
