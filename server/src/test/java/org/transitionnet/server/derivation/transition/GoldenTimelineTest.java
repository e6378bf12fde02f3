package org.transitionnet.server.derivation.transition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus.ACTIVE;
import static org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus.ENTEREDINERROR;
import static org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus.STOPPED;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.record.mapping.ActionClassifier;
import org.transitionnet.server.record.mapping.MappingCatalogLoader;
import org.transitionnet.server.record.mapping.ObservationClassifier;
import org.transitionnet.server.record.mapping.UnitConverter;
import org.transitionnet.server.record.patient.ActionEpisode;

/**
 * Hand-written timelines with their exact expected transitions (catalogue: test resources
 * golden-mappings/, frozen so that these numbers stay meaningful).
 */
class GoldenTimelineTest {

    private static MappingCatalogue catalog;
    private static TransitionDeriver deriver;

    @BeforeAll
    static void loadCatalogue() {
        catalog = new MappingCatalogLoader(new DefaultResourceLoader()).load("classpath:golden-mappings/");
        deriver = new TransitionDeriver(
                catalog,
                new ObservationClassifier(catalog, new UnitConverter()),
                new EpisodeBuilder(new ActionClassifier(catalog), 30, 400));
    }

    @Test
    void metforminFollowedByLowerHbA1c() {
        DerivationResult result = deriver.derive(new Timeline("p1")
                .lab("4548-4", 8.1, "%", -10)
                .prescription("mr-metformin", "860975", 0, ACTIVE, null)
                .lab("4548-4", 7.2, "%", 90)
                .record());

        assertThat(result.transitions()).hasSize(1);
        Transition t = result.transitions().get(0);
        assertThat(t.variable().id()).isEqualTo("hba1c");
        assertThat(t.episode().actionClass().id()).isEqualTo("metformin");
        assertThat(t.ruleId()).isEqualTo("hba1c/glucose-lowering");
        assertThat(t.baseline().value()).isEqualByComparingTo("8.1");
        assertThat(t.followUp().value()).isEqualByComparingTo("7.2");
        assertThat(t.delta()).isEqualByComparingTo("-0.9");
        assertThat(t.relativeChange()).isEqualByComparingTo("-11.1");
        assertThat(t.intervalDays()).isEqualTo(100);
        assertThat(t.baselineDayOffset()).isEqualTo(-10);
        assertThat(t.followUpDayOffset()).isEqualTo(90);
        assertThat(t.direction()).isEqualTo(Direction.IMPROVED);
        // proximity (1 - 0.5*10/90) * (1 - 0.5*30/120) * density 0.8 = 0.9444 * 0.875 * 0.8
        assertThat(t.confidence()).isEqualByComparingTo("0.661");
        assertThat(t.coInterventions()).isEmpty();
        assertThat(t.adverseEvents()).isEmpty();
        assertThat(t.baseline().source()).isEqualTo("Observation/obs-1");
        assertThat(t.followUp().source()).isEqualTo("Observation/obs-2");
        assertThat(t.episode().sources()).containsExactly("MedicationRequest/mr-metformin");
        assertThat(t.episode().dosage().frequency()).isEqualTo("2 per 1 d");
        assertThat(result.notDerived()).isEmpty();
    }

    @Test
    void statinWithLdlInMixedUnits() {
        DerivationResult result = deriver.derive(new Timeline("p2")
                .lab("18262-6", 4.14, "mmol/L", -30)
                .prescription("mr-simvastatin", "314231", 0, ACTIVE, null)
                .lab("2089-1", 100, "mg/dL", 60)
                .record());

        Transition t = result.transitions().get(0);
        assertThat(t.variable().id()).isEqualTo("ldl-cholesterol");
        // 4.14 mmol/L × 386.65 g/mol = 1600.731 mg/L = 160.0731 mg/dL
        assertThat(t.baseline().value()).isEqualByComparingTo("160.0731");
        assertThat(t.followUp().value()).isEqualByComparingTo("100");
        assertThat(t.delta()).isEqualByComparingTo("-60.0731");
        assertThat(t.relativeChange()).isEqualByComparingTo("-37.5");
        assertThat(t.intervalDays()).isEqualTo(90);
        assertThat(t.direction()).isEqualTo(Direction.IMPROVED);
        // (1 - 0.5*30/180) * (1 - 0.5*32/337) * 0.8 = 0.91667 * 0.95252 * 0.8
        assertThat(t.confidence()).isEqualByComparingTo("0.699");
    }

    @Test
    void drugStoppedBeforeTheFollowUpWindowGivesNoTransition() {
        DerivationResult result = deriver.derive(new Timeline("p3")
                .lab("4548-4", 8.1, "%", -10)
                .prescription("mr-metformin", "860975", 0, STOPPED, 20)
                .lab("4548-4", 7.2, "%", 90)
                .record());

        assertThat(result.transitions()).isEmpty();
        assertThat(result.notDerived()).singleElement().satisfies(n -> {
            assertThat(n.stateVariable()).isEqualTo("hba1c");
            assertThat(n.episodeAnchor()).isEqualTo("MedicationRequest/mr-metformin");
            assertThat(n.reason()).contains("ended on 2021-03-21").contains("before the follow-up window");
        });
    }

    @Test
    void overlappingCoInterventionIsReportedAndLowersConfidence() {
        DerivationResult result = deriver.derive(new Timeline("p4")
                .lab("4548-4", 8.1, "%", -10)
                .prescription("mr-metformin", "860975", 0, ACTIVE, null)
                .prescription("mr-glipizide", "310488", 30, ACTIVE, null)
                .lab("4548-4", 7.2, "%", 90)
                .record());

        Transition metformin = transitionOf(result, "metformin");
        assertThat(metformin.coInterventions())
                .extracting(e -> e.actionClass().id())
                .containsExactly("glipizide");
        // 0.9444 * 0.875 * 0.8 * 0.8 (one co-intervention expected to move HbA1c too)
        assertThat(metformin.confidence()).isEqualByComparingTo("0.529");

        Transition glipizide = transitionOf(result, "glipizide");
        assertThat(glipizide.coInterventions())
                .extracting(e -> e.actionClass().id())
                .containsExactly("metformin");
        assertThat(glipizide.baselineDayOffset()).isEqualTo(-40);
        assertThat(glipizide.followUpDayOffset()).isEqualTo(60);
    }

    @Test
    void newConditionDuringFollowUpIsAnAdverseEvent() {
        DerivationResult result = deriver.derive(new Timeline("p5")
                .condition("cond-old", "44054006", -400)
                .lab("4548-4", 8.1, "%", -10)
                .prescription("mr-metformin", "860975", 0, ACTIVE, null)
                .condition("cond-new", "271737000", 45)
                .condition("cond-recurring", "44054006", 50)
                .condition("cond-after", "195967001", 120)
                .lab("4548-4", 7.2, "%", 90)
                .record());

        Transition t = result.transitions().get(0);
        assertThat(t.adverseEvents()).extracting(AdverseEventRef::reference).containsExactly("Condition/cond-new");
    }

    @Test
    void tooLittleDataIsReportedNotInvented() {
        DerivationResult result = deriver.derive(new Timeline("p6")
                .lab("4548-4", 8.1, "%", -10)
                .prescription("mr-metformin", "860975", 0, ACTIVE, null)
                .lab("4548-4", 7.9, "%", 30)
                .lab("18262-6", 130, "mg/dL", -5)
                .record());

        assertThat(result.transitions()).isEmpty();
        assertThat(result.notDerived())
                .singleElement()
                .satisfies(
                        n -> assertThat(n.reason())
                                .isEqualTo(
                                        "no hba1c measurement between day 60 and day 180 after the action started on 2021-03-01T09:00:00Z"));

        DerivationResult noBaseline = deriver.derive(new Timeline("p7")
                .prescription("mr-metformin", "860975", 0, ACTIVE, null)
                .lab("4548-4", 7.2, "%", 90)
                .record());
        assertThat(noBaseline.notDerived())
                .singleElement()
                .satisfies(n -> assertThat(n.reason()).startsWith("no hba1c measurement in the 90 days before"));
    }

    @Test
    void prescriptionEnteredInErrorIsNoAction() {
        DerivationResult result = deriver.derive(new Timeline("p8")
                .lab("4548-4", 8.1, "%", -10)
                .prescription("mr-error", "860975", 0, ENTEREDINERROR, null)
                .lab("4548-4", 7.2, "%", 90)
                .record());

        assertThat(result.episodes()).isEmpty();
        assertThat(result.transitions()).isEmpty();
    }

    @Test
    void renewedPrescriptionsFormOneEpisodeFromTheFirstStart() {
        DerivationResult result = deriver.derive(new Timeline("p9")
                .lab("4548-4", 8.1, "%", -10)
                .prescription("mr-year-1", "860975", 0, STOPPED, null)
                .lab("4548-4", 7.2, "%", 90)
                .prescription("mr-year-2", "860975", 365, ACTIVE, null)
                .record());

        assertThat(result.episodes()).singleElement().satisfies(e -> {
            assertThat(e.sources()).containsExactly("MedicationRequest/mr-year-1", "MedicationRequest/mr-year-2");
            assertThat(e.status()).isEqualTo(ActionEpisode.Status.ACTIVE);
            assertThat(e.anchor()).isEqualTo("MedicationRequest/mr-year-1");
        });
        assertThat(result.transitions())
                .singleElement()
                .satisfies(t -> assertThat(t.baseline().value()).isEqualByComparingTo("8.1"));
    }

    @Test
    void bloodPressurePanelComponentsAreMeasurements() {
        DerivationResult result = deriver.derive(new Timeline("p10")
                .bloodPressure(152, 95, -7)
                .prescription("mr-lisinopril", "314076", 0, ACTIVE, null)
                .bloodPressure(149, 90, 30)
                .record());

        Transition t = result.transitions().get(0);
        assertThat(t.variable().id()).isEqualTo("systolic-bp");
        assertThat(t.delta()).isEqualByComparingTo("-3");
        assertThat(t.direction()).isEqualTo(Direction.UNCHANGED);
    }

    @Test
    void carePlanIsAnActionAndIdsAreStable() {
        Timeline timeline = new Timeline("p11")
                .lab("4548-4", 7.0, "%", -3)
                .carePlan("cp-diabetes", "698360004", 0)
                .lab("4548-4", 7.9, "%", 100);
        DerivationResult first = deriver.derive(timeline.record());
        DerivationResult second = deriver.derive(timeline.record());

        Transition t = first.transitions().get(0);
        assertThat(t.episode().actionClass().id()).isEqualTo("diabetes-self-management");
        assertThat(t.direction()).isEqualTo(Direction.WORSENED);
        assertThat(second.transitions().get(0).id()).isEqualTo(t.id()).startsWith("tn-");
    }

    private static Transition transitionOf(DerivationResult result, String actionClass) {
        List<Transition> matching = result.transitions().stream()
                .filter(t -> t.episode().actionClass().id().equals(actionClass))
                .toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }
}
