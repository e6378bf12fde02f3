package org.transitionnet.server.derivation.trajectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.transitionnet.catalogue.ActionClass;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.catalogue.StateVariable;
import org.transitionnet.server.derivation.transition.TransitionDeriver;
import org.transitionnet.server.derivation.transition.TransitionStore;
import org.transitionnet.server.ig.TransitionVocabulary;
import org.transitionnet.server.record.facts.FactStore;
import org.transitionnet.server.record.facts.PatientFacts;
import org.transitionnet.server.record.mapping.StateMeasurement;
import org.transitionnet.server.record.patient.ActionEpisode;

/** The {@code $trajectory} answer built from a patient's facts, episodes and stored transitions. */
class TrajectoryBuilderTest {

    private static final String PATIENT = "p1";

    private final FactStore facts = mock(FactStore.class);
    private final TransitionDeriver deriver = mock(TransitionDeriver.class);
    private final TransitionStore store = mock(TransitionStore.class);
    private final MappingCatalogue catalog = mock(MappingCatalogue.class);
    private final StateVariable hba1c = variable("hba1c", "Hemoglobin A1c", "%");
    private final StateVariable weight = variable("body-weight", "Body weight", "kg");
    private final StateVariable ldl = variable("ldl", "LDL cholesterol", "mg/dL");
    private final ActionClass metformin = mock(ActionClass.class);
    private final PatientFacts record = new PatientFacts(PATIENT, List.of(), List.of(), List.of());

    @BeforeEach
    void wire() {
        when(metformin.id()).thenReturn("metformin");
        when(metformin.display()).thenReturn("Metformin");
        when(facts.read(PATIENT)).thenReturn(record);
        when(deriver.catalog()).thenReturn(catalog);
        when(catalog.stateVariables()).thenReturn(List.of(hba1c, weight, ldl));
        when(deriver.series(record.measurements()))
                .thenReturn(Map.of(
                        weight,
                                List.of(new StateMeasurement(
                                        weight,
                                        Instant.parse("2020-01-01T08:30:15.250Z"),
                                        new BigDecimal("92.5"),
                                        "Observation/w1")),
                        hba1c,
                                List.of(
                                        new StateMeasurement(
                                                hba1c,
                                                Instant.parse("2020-01-02T00:00:00Z"),
                                                new BigDecimal("8.1"),
                                                "Observation/a1"),
                                        new StateMeasurement(
                                                hba1c,
                                                Instant.parse("2020-05-02T00:00:00Z"),
                                                new BigDecimal("7.2"),
                                                "Observation/a2"))));
        when(deriver.episodes(record))
                .thenReturn(List.of(
                        new ActionEpisode(
                                metformin,
                                Instant.parse("2020-01-10T00:00:00Z"),
                                null,
                                ActionEpisode.Status.ON_HOLD,
                                "MedicationRequest/m1",
                                List.of("MedicationRequest/m1", "MedicationRequest/m2"),
                                ActionEpisode.Dosage.NONE),
                        new ActionEpisode(
                                metformin,
                                Instant.parse("2021-01-10T00:00:00Z"),
                                Instant.parse("2021-06-10T00:00:00Z"),
                                ActionEpisode.Status.COMPLETED,
                                "MedicationRequest/m3",
                                List.of("MedicationRequest/m3"),
                                ActionEpisode.Dosage.NONE)));
        Map<String, Observation> stored = new LinkedHashMap<>();
        stored.put("t-late", transition("t-late", "2020-06-01T00:00:00Z"));
        stored.put("t-b", transition("t-b", "2020-01-02T00:00:00Z"));
        stored.put("t-a", transition("t-a", "2020-01-02T00:00:00Z"));
        when(store.storedTransitions(PATIENT)).thenReturn(stored);
    }

    @Test
    void measuredVariablesComeInCatalogueOrderWithTheirPointsToTheSecondInUtc() {
        List<ParametersParameterComponent> variables = build().getParameter().stream()
                .filter(p -> p.getName().equals("variable"))
                .toList();

        assertThat(variables)
                .extracting(v -> ((Coding) part(v, "code")).getCode())
                .containsExactly("hba1c", "body-weight");
        ParametersParameterComponent weightSeries = variables.get(1);
        assertThat(((Coding) part(weightSeries, "code")).getSystem()).isEqualTo(TransitionVocabulary.CS_STATE_VARIABLE);
        assertThat(part(weightSeries, "unit").primitiveValue()).isEqualTo("kg");
        ParametersParameterComponent point = weightSeries.getPart().stream()
                .filter(p -> p.getName().equals("point"))
                .findFirst()
                .orElseThrow();
        assertThat(((DateTimeType) part(point, "time")).getValueAsString()).isEqualTo("2020-01-01T08:30:15+00:00");
        assertThat(part(point, "value").primitiveValue()).isEqualTo("92.5");
        assertThat(((Reference) part(point, "source")).getReference()).isEqualTo("Observation/w1");
        assertThat(variables.get(0).getPart().stream().filter(p -> p.getName().equals("point")))
                .hasSize(2);
    }

    @Test
    void interventionsAreIntervalsWithAnEndOnlyWhenRecorded() {
        List<ParametersParameterComponent> interventions = build().getParameter().stream()
                .filter(p -> p.getName().equals("intervention"))
                .toList();

        assertThat(interventions).hasSize(2);
        ParametersParameterComponent open = interventions.get(0);
        assertThat(((Coding) part(open, "actionClass")).getCode()).isEqualTo("metformin");
        assertThat(((Coding) part(open, "actionClass")).getSystem()).isEqualTo(TransitionVocabulary.CS_ACTION_CLASS);
        assertThat(((DateTimeType) part(open, "start")).getValueAsString()).isEqualTo("2020-01-10T00:00:00+00:00");
        assertThat(open.getPart()).noneMatch(p -> p.getName().equals("end"));
        assertThat(part(open, "status").primitiveValue()).isEqualTo("on-hold");
        assertThat(open.getPart().stream()
                        .filter(p -> p.getName().equals("source"))
                        .map(p -> ((Reference) p.getValue()).getReference()))
                .containsExactly("MedicationRequest/m1", "MedicationRequest/m2");
        ParametersParameterComponent closed = interventions.get(1);
        assertThat(((DateTimeType) part(closed, "end")).getValueAsString()).isEqualTo("2021-06-10T00:00:00+00:00");
        assertThat(part(closed, "status").primitiveValue()).isEqualTo("completed");
    }

    @Test
    void transitionsAreOrderedByBaselineTimeThenIdAndCarryTheirFigures() {
        List<ParametersParameterComponent> transitions = build().getParameter().stream()
                .filter(p -> p.getName().equals("transition"))
                .toList();

        assertThat(transitions)
                .extracting(t -> ((Reference) part(t, "reference")).getReference())
                .containsExactly("Observation/t-a", "Observation/t-b", "Observation/t-late");
        ParametersParameterComponent first = transitions.get(0);
        assertThat(((Coding) part(first, "variable")).getCode()).isEqualTo("hba1c");
        assertThat(((Coding) part(first, "actionClass")).getCode()).isEqualTo("metformin");
        assertThat(((DateTimeType) part(first, "baselineTime")).getValueAsString())
                .isEqualTo("2020-01-02T00:00:00+00:00");
        assertThat(part(first, "baseline").primitiveValue()).isEqualTo("8.1");
        assertThat(part(first, "followUp").primitiveValue()).isEqualTo("7.2");
        assertThat(part(first, "delta").primitiveValue()).isEqualTo("-0.9");
        assertThat(part(first, "direction").primitiveValue()).isEqualTo("improved");
        assertThat(part(first, "confidence").primitiveValue()).isEqualTo("0.8");
    }

    @Test
    void theDisclaimerClosesTheAnswer() {
        List<ParametersParameterComponent> parameters = build().getParameter();

        ParametersParameterComponent last = parameters.get(parameters.size() - 1);
        assertThat(last.getName()).isEqualTo("disclaimer");
        assertThat(last.getValue().primitiveValue()).isEqualTo(TransitionVocabulary.DISCLAIMER);
    }

    @Test
    void aPatientWithoutDataGetsOnlyTheDisclaimer() {
        PatientFacts empty = new PatientFacts("p2", List.of(), List.of(), List.of());
        when(facts.read("p2")).thenReturn(empty);
        when(deriver.series(empty.measurements())).thenReturn(Map.of());
        when(deriver.episodes(empty)).thenReturn(List.of());
        when(store.storedTransitions("p2")).thenReturn(Map.of());

        Parameters answer = new TrajectoryBuilder(facts, deriver, store).build("p2");

        assertThat(answer.getParameter())
                .extracting(ParametersParameterComponent::getName)
                .containsExactly("disclaimer");
    }

    private Parameters build() {
        return new TrajectoryBuilder(facts, deriver, store).build(PATIENT);
    }

    private static StateVariable variable(String id, String display, String unit) {
        StateVariable variable = mock(StateVariable.class);
        when(variable.id()).thenReturn(id);
        when(variable.display()).thenReturn(display);
        when(variable.canonicalUnit()).thenReturn(unit);
        return variable;
    }

    private static Base part(ParametersParameterComponent parent, String name) {
        return parent.getPart().stream()
                .filter(p -> p.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no part " + name))
                .getValue();
    }

    /** A stored transition as the store holds it: the Observation shape {@code StoredTransition.read} takes. */
    private static Observation transition(String id, String baselineTime) {
        Observation o = new Observation();
        o.setId(id);
        o.getCode().addCoding(new Coding(TransitionVocabulary.CS_STATE_VARIABLE, "hba1c", "Hemoglobin A1c"));
        o.addExtension(
                TransitionVocabulary.EXT_ACTION_CLASS,
                new Coding(TransitionVocabulary.CS_ACTION_CLASS, "metformin", "Metformin"));
        o.setSubject(new Reference("Patient/" + PATIENT));
        o.addBasedOn(new Reference("MedicationRequest/m1"));
        o.addDerivedFrom(new Reference("Observation/a1"));
        o.addDerivedFrom(new Reference("Observation/a2"));
        Instant start = Instant.parse(baselineTime);
        o.setEffective(new Period().setStart(Date.from(start)).setEnd(Date.from(start.plusSeconds(120L * 86400))));
        component(o, "baseline", "8.1");
        component(o, "follow-up", "7.2");
        component(o, "delta", "-0.9");
        component(o, "confidence", "0.8");
        o.addComponent()
                .setCode(new CodeableConcept(new Coding(TransitionVocabulary.CS_COMPONENT, "direction", null)))
                .setValue(new CodeableConcept(new Coding(TransitionVocabulary.CS_DIRECTION, "improved", null)));
        return o;
    }

    private static void component(Observation o, String code, String value) {
        o.addComponent()
                .setCode(new CodeableConcept(new Coding(TransitionVocabulary.CS_COMPONENT, code, null)))
                .setValue(new Quantity().setValue(new BigDecimal(value)));
    }
}
