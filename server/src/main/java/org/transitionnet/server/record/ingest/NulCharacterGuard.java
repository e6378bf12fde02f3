package org.transitionnet.server.record.ingest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;

/**
 * Refuses (400) to store text containing the NUL character (U+0000). FHIR strings may not hold it, and
 * PostgreSQL text cannot: without this guard the write fails deep in the database and the answer would
 * quote the failed SQL statement.
 */
public class NulCharacterGuard {

    private final FhirContext context;

    public NulCharacterGuard(FhirContext context) {
        this.context = context;
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        StoredValueVisitor.refuseFirstProblem(context, resource, NulCharacterGuard::problem);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void updated(IBaseResource oldResource, IBaseResource newResource) {
        StoredValueVisitor.refuseFirstProblem(context, newResource, NulCharacterGuard::problem);
    }

    static Optional<String> problem(IBase element) {
        if (element instanceof IPrimitiveType<?> primitive) {
            String text = primitive.getValueAsString();
            if (text != null && text.indexOf('\u0000') >= 0) {
                return Optional.of("text must not contain the NUL character (U+0000)");
            }
        }
        return Optional.empty();
    }
}
