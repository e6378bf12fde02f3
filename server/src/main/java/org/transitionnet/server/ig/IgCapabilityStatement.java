package org.transitionnet.server.ig;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceOperationComponent;

/**
 * Makes the server's CapabilityStatement point at the IG: HAPI describes each operation with an
 * OperationDefinition it generates and serves under a server-local id; where the IG package defines the
 * operation at that level, the definition becomes the IG's canonical URL (served from the installed
 * package by {@code GET [base]/OperationDefinition}), and {@code implementationGuide} names the guide.
 */
public class IgCapabilityStatement {

    private final ImplementationGuidePackage ig;

    public IgCapabilityStatement(ImplementationGuidePackage ig) {
        this.ig = ig;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void referenceTheGuide(IBaseConformance capabilities) {
        if (!(capabilities instanceof CapabilityStatement statement)) {
            return;
        }
        if (ig.implementationGuideUrl() != null
                && statement.getImplementationGuide().stream()
                        .noneMatch(c -> ig.implementationGuideUrl().equals(c.getValue()))) {
            statement.addImplementationGuide(ig.implementationGuideUrl());
        }
        for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
            for (CapabilityStatement.CapabilityStatementRestResourceComponent resource : rest.getResource()) {
                String type = resource.getType();
                resource.getOperation()
                        .forEach(op -> point(op, d -> d.definesResourceOperation(type, code(op.getName()))));
            }
            rest.getOperation().forEach(op -> point(op, d -> d.definesSystemOperation(code(op.getName()))));
        }
    }

    private void point(
            CapabilityStatementRestResourceOperationComponent operation,
            Predicate<ImplementationGuidePackage.OperationDefinitionRef> defines) {
        Optional<ImplementationGuidePackage.OperationDefinitionRef> definition =
                ig.operations().stream().filter(defines).findFirst();
        definition.ifPresent(d -> operation.setDefinitionElement(new CanonicalType(d.url())));
    }

    /** HAPI names operations with or without the leading {@code $}, depending on where they come from. */
    private static String code(String name) {
        return name != null && name.startsWith("$") ? name.substring(1) : name;
    }

    /** The canonical URLs of the IG's operations, for logging. */
    List<String> operationUrls() {
        return ig.operations().stream()
                .map(ImplementationGuidePackage.OperationDefinitionRef::url)
                .toList();
    }
}
