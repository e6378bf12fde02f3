package org.transitionnet.server.security;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Patient;
import org.transitionnet.server.security.AuditedAction.Kind;
import org.transitionnet.server.security.OperationAccess.Compartment;
import org.transitionnet.server.security.SmartScope.Context;
import org.transitionnet.server.security.SmartScope.Permission;

/**
 * The {@link OperationAccess} declarations of the operations this server adds, read from the providers registered
 * on the FHIR endpoint. Reading them is also the check that every such operation has one, and a sound one: a
 * missing or inconsistent declaration throws, which stops the server at start. Operations of HAPI's own providers
 * (outside this server's packages) are not declared here; the authorization rules name them directly.
 */
public final class OperationDeclarations {

    static final String OWN_PACKAGE = "org.transitionnet.";

    private final Map<String, OperationDeclaration> byName;

    private OperationDeclarations(Map<String, OperationDeclaration> byName) {
        this.byName = byName;
    }

    /** The declarations of every provider registered on the endpoint (resource and plain providers). */
    public static OperationDeclarations of(RestfulServer server) {
        List<Object> providers = new ArrayList<>(server.getResourceProviders());
        providers.addAll(server.getPlainProviders());
        return of(providers);
    }

    /** @throws IllegalStateException when an operation of this server has no declaration or an unsound one */
    public static OperationDeclarations of(Collection<?> providers) {
        Map<String, OperationDeclaration> byName = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Object provider : providers) {
            Class<?> type = provider.getClass();
            if (!type.getName().startsWith(OWN_PACKAGE)) {
                continue;
            }
            for (Method method : type.getMethods()) {
                Operation operation = method.getAnnotation(Operation.class);
                if (operation == null) {
                    continue;
                }
                String where = type.getSimpleName() + "." + method.getName() + " (" + operation.name() + ")";
                OperationAccess access = method.getAnnotation(OperationAccess.class);
                if (access == null) {
                    problems.add(where + " has no @OperationAccess declaration");
                    continue;
                }
                try {
                    OperationDeclaration declaration = declaration(operation, access);
                    OperationDeclaration earlier = byName.putIfAbsent(declaration.name(), declaration);
                    if (earlier != null && !earlier.equals(declaration)) {
                        problems.add(where + " declares other access than another method of the same name");
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(where + ": " + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "Operations without a sound access declaration: " + String.join("; ", problems));
        }
        return new OperationDeclarations(Collections.unmodifiableMap(byName));
    }

    static OperationDeclaration declaration(Operation operation, OperationAccess access) {
        if (access.auditDelete().length > 0 && !operation.deleteEnabled()) {
            throw new IllegalArgumentException(
                    "an audit for DELETE is declared but the operation does not accept DELETE");
        }
        Kind audit = single(access.audit(), "audit");
        Kind auditDelete = single(access.auditDelete(), "auditDelete");
        if (!access.productScope().isEmpty()) {
            return productDeclaration(operation, access, audit, auditDelete);
        }
        if (access.scope().isEmpty()) {
            throw new IllegalArgumentException("neither a clinical scope nor a product scope is declared");
        }
        SmartScope scope = SmartScope.parse("system/" + access.scope())
                .filter(s -> s.query() == null)
                .orElseThrow(() -> new IllegalArgumentException("scope '" + access.scope()
                        + "' is not a resource type (or *) and permission letters such as Observation.r"));
        if (access.contexts().length == 0) {
            throw new IllegalArgumentException("no SMART context is declared");
        }
        EnumSet<Context> contexts = EnumSet.copyOf(Arrays.asList(access.contexts()));
        if (access.compartment() == Compartment.SYSTEM && contexts.contains(Context.PATIENT)) {
            throw new IllegalArgumentException(
                    "an operation across patients cannot be granted by a patient-context scope");
        }
        if (access.compartment() == Compartment.PATIENT && !onPatient(operation)) {
            throw new IllegalArgumentException("a patient-compartment operation must be declared on Patient");
        }
        return new OperationDeclaration(
                operation.name(),
                scope.resourceType(),
                scope.permissions(),
                contexts,
                null,
                access.compartment(),
                audit,
                auditDelete);
    }

    /** A declaration granted by a product scope only: no clinical scope or context beside it, across patients. */
    private static OperationDeclaration productDeclaration(
            Operation operation, OperationAccess access, Kind audit, Kind auditDelete) {
        if (!access.scope().isEmpty() || access.contexts().length > 0) {
            throw new IllegalArgumentException(
                    "product scope '" + access.productScope()
                            + "' is declared together with a clinical scope or SMART contexts; an operation declares one or the other");
        }
        ProductScope product = ProductScope.parse(access.productScope())
                .orElseThrow(() -> new IllegalArgumentException(
                        "product scope '" + access.productScope() + "' is not one of " + ProductScope.ALL));
        if (access.compartment() != Compartment.SYSTEM) {
            throw new IllegalArgumentException(
                    "a product scope grants no patient's record: the compartment must be SYSTEM");
        }
        return new OperationDeclaration(
                operation.name(),
                null,
                EnumSet.noneOf(Permission.class),
                EnumSet.noneOf(Context.class),
                product,
                access.compartment(),
                audit,
                auditDelete);
    }

    private static boolean onPatient(Operation operation) {
        return "Patient".equals(operation.typeName()) || operation.type() == Patient.class;
    }

    private static Kind single(Kind[] kinds, String attribute) {
        if (kinds.length > 1) {
            throw new IllegalArgumentException(attribute + " names more than one AuditEvent kind");
        }
        return kinds.length == 0 ? null : kinds[0];
    }

    public Collection<OperationDeclaration> all() {
        return byName.values();
    }

    /** The declaration of an operation by name ({@code $trajectory}); empty for operations this server does not add. */
    public Optional<OperationDeclaration> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }
}
