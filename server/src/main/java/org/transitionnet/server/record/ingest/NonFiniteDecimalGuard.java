package org.transitionnet.server.record.ingest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.math.BigDecimal;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DecimalType;

/**
 * Refuses (400) to store a decimal whose magnitude is beyond what a double holds (about 1.8e308).
 * HAPI indexes numbers and quantities as doubles: such a value would be stored as infinity, failing the
 * write with a 500 or poisoning every calculation that reads it. The JSON and XML parsers already
 * refuse NaN and Infinity themselves.
 */
public class NonFiniteDecimalGuard {

    private static final BigDecimal LARGEST = BigDecimal.valueOf(Double.MAX_VALUE);

    private final FhirContext context;

    public NonFiniteDecimalGuard(FhirContext context) {
        this.context = context;
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        StoredValueVisitor.refuseFirstProblem(context, resource, NonFiniteDecimalGuard::problem);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void updated(IBaseResource oldResource, IBaseResource newResource) {
        StoredValueVisitor.refuseFirstProblem(context, newResource, NonFiniteDecimalGuard::problem);
    }

    static Optional<String> problem(IBase element) {
        if (element instanceof DecimalType decimal
                && decimal.getValue() != null
                && decimal.getValue().abs().compareTo(LARGEST) > 0) {
            return Optional.of("the number " + abbreviated(decimal.getValue())
                    + " is too large to store (numbers must lie within ±" + Double.MAX_VALUE + ")");
        }
        return Optional.empty();
    }

    private static String abbreviated(BigDecimal value) {
        return value.round(new java.math.MathContext(6)).stripTrailingZeros().toString();
    }
}
