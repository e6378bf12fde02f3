package org.transitionnet.server.record.mapping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.catalogue.Measurement;
import org.transitionnet.catalogue.StateVariable;

/**
 * Turns an Observation into measurements of state variables, following the catalogue's codes
 * (including components of panels such as blood pressure) and converting to canonical units.
 * Observations whose status says they do not stand (entered in error, cancelled) measure nothing.
 */
public class ObservationClassifier {

    private static final Set<Observation.ObservationStatus> STANDING = EnumSet.of(
            Observation.ObservationStatus.FINAL,
            Observation.ObservationStatus.AMENDED,
            Observation.ObservationStatus.CORRECTED,
            Observation.ObservationStatus.PRELIMINARY);

    private final MappingCatalogue catalog;
    private final UnitConverter units;

    public ObservationClassifier(MappingCatalogue catalog, UnitConverter units) {
        this.catalog = catalog;
        this.units = units;
    }

    public List<StateMeasurement> classify(Observation observation) {
        List<StateMeasurement> measurements = new ArrayList<>();
        if (!STANDING.contains(observation.getStatus())) {
            return measurements;
        }
        Optional<Instant> time = effectiveTime(observation);
        if (time.isEmpty()) {
            return measurements;
        }
        String source = "Observation/" + observation.getIdElement().getIdPart();
        for (StateVariable variable : catalog.stateVariables()) {
            for (Measurement m : variable.measurements()) {
                if (!Codes.matchesAny(m.observationCode(), observation.getCode())) {
                    continue;
                }
                Optional<Quantity> quantity = m.isComponent()
                        ? observation.getComponent().stream()
                                .filter(c -> Codes.matchesAny(m.component(), c.getCode()))
                                .findFirst()
                                .flatMap(c -> quantity(c.getValue()))
                        : quantity(observation.getValue());
                quantity.flatMap(q -> units.toCanonical(q.getValue(), unitOf(q), variable))
                        .ifPresent(v -> measurements.add(new StateMeasurement(variable, time.get(), v, source)));
                break;
            }
        }
        return measurements;
    }

    public static Optional<Instant> effectiveTime(Observation observation) {
        if (observation.hasEffectiveDateTimeType()) {
            return Optional.ofNullable(observation.getEffectiveDateTimeType().getValue())
                    .map(java.util.Date::toInstant);
        }
        if (observation.hasEffectivePeriod() && observation.getEffectivePeriod().hasStart()) {
            return Optional.of(observation.getEffectivePeriod().getStart().toInstant());
        }
        if (observation.hasEffectiveInstantType()) {
            return Optional.ofNullable(observation.getEffectiveInstantType().getValue())
                    .map(java.util.Date::toInstant);
        }
        return Optional.empty();
    }

    private static Optional<Quantity> quantity(Type value) {
        return value instanceof Quantity q && q.hasValue() ? Optional.of(q) : Optional.empty();
    }

    private static String unitOf(Quantity quantity) {
        if (quantity.hasCode() && (!quantity.hasSystem() || UnitConverter.isUcum(quantity.getSystem()))) {
            return quantity.getCode();
        }
        return quantity.getUnit();
    }
}
