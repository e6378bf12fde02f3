package org.transitionnet.server.record.mapping;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.transitionnet.catalogue.ActionKind;

/**
 * Reads what makes an action out of one resource of an action kind, by the kind's FHIRPath
 * expressions from the catalogue: start, end, status, codes per code element and dosage. The same
 * code serves every kind (MedicationRequest, CarePlan, Procedure ...). Expressions are parsed once,
 * at start, so a catalogue with a malformed expression or an unknown resource type stops the server.
 */
public class ActionKindReader {

    private final ActionKind kind;
    private final IFhirPath fhirPath;
    private final List<IFhirPath.IParsedExpression> start;
    private final List<IFhirPath.IParsedExpression> end;
    private final IFhirPath.IParsedExpression status;
    private final IFhirPath.IParsedExpression where;
    private final Map<ActionKind.CodeElement, IFhirPath.IParsedExpression> codes = new LinkedHashMap<>();
    private final IFhirPath.IParsedExpression dosage;

    /**
     * What the resource records, before classification.
     *
     * @param status the episode status ({@link ActionKind#EPISODE_STATUSES})
     * @param end    the recorded end, or null
     * @param codes  the concepts found in each code element (references already resolved)
     * @param dosage the dosage the kind points at, or null
     */
    public record RecordedAction(
            Instant start,
            Instant end,
            String status,
            Map<ActionKind.CodeElement, List<CodeableConcept>> codes,
            Dosage dosage) {}

    public ActionKindReader(ActionKind kind, FhirContext fhir) {
        this.kind = kind;
        if (!fhir.getResourceTypes().contains(kind.resourceType())) {
            throw new IllegalStateException(
                    "Action kind " + kind.id() + ": " + kind.resourceType() + " is not a FHIR resource type");
        }
        this.fhirPath = fhir.newFhirPath();
        this.start = kind.start().stream().map(this::parse).toList();
        this.end = kind.end().stream().map(this::parse).toList();
        this.status = parse(kind.status());
        this.where = kind.where() == null ? null : parse(kind.where());
        kind.codes().forEach(c -> codes.put(c, parse(c.path())));
        this.dosage = kind.dosage() == null ? null : parse(kind.dosage());
    }

    public ActionKind kind() {
        return kind;
    }

    /**
     * The action the resource records, or empty when its status is not one the kind maps, it has no
     * start, or the kind's {@code where} is not true for it.
     *
     * @param referencedCode the code of a resource a code element references (e.g. {@code Medication/12}), or null
     */
    public Optional<RecordedAction> read(Resource resource, Function<String, CodeableConcept> referencedCode) {
        String code = fhirPath.evaluateFirst(resource, status, IBase.class)
                .filter(v -> v instanceof IPrimitiveType<?>)
                .map(v -> ((IPrimitiveType<?>) v).getValueAsString())
                .orElse(null);
        String episodeStatus = code == null ? null : kind.statuses().get(code);
        if (episodeStatus == null) {
            return Optional.empty();
        }
        if (where != null
                && !fhirPath.evaluateFirst(resource, where, IBase.class)
                        .map(v -> v instanceof BooleanType b && Boolean.TRUE.equals(b.getValue()))
                        .orElse(false)) {
            return Optional.empty();
        }
        Instant startTime = firstTime(resource, start);
        if (startTime == null) {
            return Optional.empty();
        }
        Map<ActionKind.CodeElement, List<CodeableConcept>> found = new LinkedHashMap<>();
        codes.forEach((element, expression) -> found.put(element, concepts(resource, expression, referencedCode)));
        Dosage dose = dosage == null
                ? null
                : fhirPath.evaluateFirst(resource, dosage, IBase.class)
                        .filter(d -> d instanceof Dosage)
                        .map(d -> (Dosage) d)
                        .orElse(null);
        return Optional.of(new RecordedAction(startTime, firstTime(resource, end), episodeStatus, found, dose));
    }

    private List<CodeableConcept> concepts(
            Resource resource,
            IFhirPath.IParsedExpression expression,
            Function<String, CodeableConcept> referencedCode) {
        List<CodeableConcept> concepts = new ArrayList<>();
        for (IBase value : fhirPath.evaluate(resource, expression, IBase.class)) {
            if (value instanceof CodeableConcept c) {
                concepts.add(c);
            } else if (value instanceof Coding c) {
                concepts.add(new CodeableConcept(c));
            } else if (value instanceof Reference r && r.hasReference()) {
                CodeableConcept referenced = referencedCode.apply(r.getReference());
                if (referenced != null) {
                    concepts.add(referenced);
                }
            }
        }
        return concepts;
    }

    private Instant firstTime(Resource resource, List<IFhirPath.IParsedExpression> expressions) {
        for (IFhirPath.IParsedExpression expression : expressions) {
            for (IBase value : fhirPath.evaluate(resource, expression, IBase.class)) {
                if (value instanceof BaseDateTimeType t && t.getValue() != null) {
                    return t.getValue().toInstant();
                }
            }
        }
        return null;
    }

    private IFhirPath.IParsedExpression parse(String expression) {
        try {
            return fhirPath.parse(expression);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Action kind " + kind.id() + ": cannot parse FHIRPath '" + expression + "': " + e.getMessage(), e);
        }
    }
}
