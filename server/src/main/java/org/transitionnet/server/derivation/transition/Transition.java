package org.transitionnet.server.derivation.transition;

import java.math.BigDecimal;
import java.util.List;
import org.transitionnet.catalogue.ActionClass;
import org.transitionnet.catalogue.StateVariable;
import org.transitionnet.server.record.mapping.StateMeasurement;
import org.transitionnet.server.record.patient.ActionEpisode;

/**
 * One derived transition: baseline state, action episode, follow-up state, and what changed.
 * Observational research data; it describes what was recorded, not what caused it.
 *
 * @param id              stable id: the same patient, episode, class and variable always give the same id
 * @param ruleClass       the class whose expected effect on the variable made this transition (mapping rule)
 * @param baselineCount   measurements in the baseline window
 * @param followUpCount   measurements in the follow-up window
 * @param spread          larger of the two windows' sample standard deviations (0 for single measurements)
 * @param relativeChange  percent change from baseline; null when the baseline is zero
 * @param intervalDays    whole days from the baseline to the follow-up measurement
 */
public record Transition(
        String id,
        String patientId,
        ActionEpisode episode,
        StateVariable variable,
        ActionClass ruleClass,
        StateMeasurement baseline,
        StateMeasurement followUp,
        int baselineCount,
        int followUpCount,
        BigDecimal spread,
        BigDecimal delta,
        BigDecimal relativeChange,
        long intervalDays,
        Direction direction,
        BigDecimal confidence,
        List<ActionEpisode> coInterventions,
        List<AdverseEventRef> adverseEvents,
        String mappingVersion) {

    public String ruleId() {
        return variable.id() + "/" + ruleClass.id();
    }

    public long baselineDayOffset() {
        return DayOffsets.between(episode.start(), baseline.time());
    }

    public long followUpDayOffset() {
        return DayOffsets.between(episode.start(), followUp.time());
    }
}
