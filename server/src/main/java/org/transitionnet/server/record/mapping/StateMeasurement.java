package org.transitionnet.server.record.mapping;

import java.math.BigDecimal;
import java.time.Instant;
import org.transitionnet.catalogue.StateVariable;

/**
 * One measurement of a state variable, already in the variable's canonical unit.
 *
 * @param source reference of the Observation it came from, e.g. {@code Observation/123}
 */
public record StateMeasurement(StateVariable variable, Instant time, BigDecimal value, String source) {}
