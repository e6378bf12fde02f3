package org.transitionnet.server.record.ingest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Walks every element of a resource about to be stored (contained resources included) and refuses the
 * write with 400 at the first element a check objects to, naming the element's path. The checks are
 * the guards' business; this class only walks and reports.
 */
final class StoredValueVisitor {

    /** Looks at one element; returns why it cannot be stored, or empty. */
    @FunctionalInterface
    interface Check {
        Optional<String> problem(IBase element);
    }

    private StoredValueVisitor() {}

    static void refuseFirstProblem(FhirContext context, IBaseResource resource, Check check) {
        if (resource == null) {
            return;
        }
        context.newTerser().visit(resource, (root, element, path, child, definition) -> {
            Optional<String> problem = check.problem(element);
            if (problem.isPresent()) {
                throw new InvalidRequestException(resource.fhirType() + pathOf(path) + ": " + problem.get());
            }
        });
    }

    private static String pathOf(List<String> path) {
        StringBuilder b = new StringBuilder();
        // The first name is the resource type itself.
        for (int i = 1; i < path.size(); i++) {
            b.append('.').append(path.get(i));
        }
        return b.toString();
    }
}
