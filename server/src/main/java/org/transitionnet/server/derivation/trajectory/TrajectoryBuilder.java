package org.transitionnet.server.derivation.trajectory;

import static org.transitionnet.server.fhir.FhirTimes.dateTime;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.transitionnet.catalogue.StateVariable;
import org.transitionnet.server.derivation.transition.StoredTransition;
import org.transitionnet.server.derivation.transition.TransitionDeriver;
import org.transitionnet.server.derivation.transition.TransitionStore;
import org.transitionnet.server.ig.TransitionVocabulary;
import org.transitionnet.server.record.facts.FactStore;
import org.transitionnet.server.record.facts.PatientFacts;
import org.transitionnet.server.record.mapping.StateMeasurement;
import org.transitionnet.server.record.patient.ActionEpisode;

/**
 * Builds the {@code $trajectory} answer (a Parameters resource, documented in the IG):
 * <ul>
 *   <li>{@code variable} (one per state variable measured): parts {@code code}, {@code unit} and one
 *       {@code point} per measurement with parts {@code time}, {@code value} (canonical unit), {@code source};</li>
 *   <li>{@code intervention} (one per action episode): parts {@code actionClass}, {@code start}, {@code end}
 *       (when recorded), {@code status}, and one {@code source} per prescription or plan;</li>
 *   <li>{@code transition} (one per stored transition): parts {@code reference}, {@code variable},
 *       {@code actionClass}, {@code baselineTime}, {@code followUpTime}, {@code baseline}, {@code followUp},
 *       {@code delta}, {@code direction}, {@code confidence};</li>
 *   <li>{@code disclaimer}: the observational-data statement.</li>
 * </ul>
 */
public class TrajectoryBuilder {

    private final FactStore facts;
    private final TransitionDeriver deriver;
    private final TransitionStore store;

    public TrajectoryBuilder(FactStore facts, TransitionDeriver deriver, TransitionStore store) {
        this.facts = facts;
        this.deriver = deriver;
        this.store = store;
    }

    public Parameters build(String patientId) {
        PatientFacts record = facts.read(patientId);
        Parameters out = new Parameters();
        Map<StateVariable, List<StateMeasurement>> series = deriver.series(record.measurements());
        deriver.catalog().stateVariables().stream().filter(series::containsKey).forEach(variable -> {
            Parameters.ParametersParameterComponent v = out.addParameter().setName("variable");
            v.addPart()
                    .setName("code")
                    .setValue(new Coding(TransitionVocabulary.CS_STATE_VARIABLE, variable.id(), variable.display()));
            v.addPart().setName("unit").setValue(new CodeType(variable.canonicalUnit()));
            for (StateMeasurement m : series.get(variable)) {
                Parameters.ParametersParameterComponent point = v.addPart().setName("point");
                point.addPart().setName("time").setValue(dateTime(m.time()));
                point.addPart().setName("value").setValue(new DecimalType(m.value()));
                point.addPart().setName("source").setValue(new Reference(m.source()));
            }
        });
        for (ActionEpisode episode : deriver.episodes(record)) {
            Parameters.ParametersParameterComponent i = out.addParameter().setName("intervention");
            i.addPart()
                    .setName("actionClass")
                    .setValue(new Coding(
                            TransitionVocabulary.CS_ACTION_CLASS,
                            episode.actionClass().id(),
                            episode.actionClass().display()));
            i.addPart().setName("start").setValue(dateTime(episode.start()));
            if (episode.end() != null) {
                i.addPart().setName("end").setValue(dateTime(episode.end()));
            }
            i.addPart()
                    .setName("status")
                    .setValue(new CodeType(episode.status().name().toLowerCase().replace('_', '-')));
            episode.sources().forEach(source -> i.addPart().setName("source").setValue(new Reference(source)));
        }
        store.storedTransitions(patientId).values().stream()
                .sorted(Comparator.comparing(
                                (Observation o) -> o.getEffectivePeriod().getStart())
                        .thenComparing(o -> o.getIdElement().getIdPart()))
                .forEach(t -> addTransition(out, t));
        out.addParameter().setName("disclaimer").setValue(new StringType(TransitionVocabulary.DISCLAIMER));
        return out;
    }

    private static void addTransition(Parameters out, Observation observation) {
        StoredTransition t = StoredTransition.read(observation);
        Parameters.ParametersParameterComponent p = out.addParameter().setName("transition");
        p.addPart().setName("reference").setValue(new Reference("Observation/" + t.id()));
        p.addPart().setName("variable").setValue(t.stateVariable().copy());
        if (!t.actionClasses().isEmpty()) {
            p.addPart().setName("actionClass").setValue(t.actionClasses().get(0).copy());
        }
        p.addPart().setName("baselineTime").setValue(dateTime(t.baselineTime()));
        p.addPart().setName("followUpTime").setValue(dateTime(t.followUpTime()));
        p.addPart().setName("baseline").setValue(new DecimalType(t.baseline()));
        p.addPart().setName("followUp").setValue(new DecimalType(t.followUp()));
        p.addPart().setName("delta").setValue(new DecimalType(t.delta()));
        p.addPart().setName("direction").setValue(new CodeType(t.direction()));
        p.addPart().setName("confidence").setValue(new DecimalType(t.confidence()));
    }
}
