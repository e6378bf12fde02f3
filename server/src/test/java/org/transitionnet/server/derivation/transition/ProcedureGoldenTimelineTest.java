package org.transitionnet.server.derivation.transition;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.record.mapping.ActionClassifier;
import org.transitionnet.server.record.mapping.MappingCatalogLoader;
import org.transitionnet.server.record.mapping.ObservationClassifier;
import org.transitionnet.server.record.mapping.UnitConverter;
import org.transitionnet.server.record.patient.ActionEpisode;
import org.transitionnet.server.record.patient.PatientRecord;

/**
 * A fixed small patient bundle (test resource golden-timelines/dialysis.json) with renal dialysis
 * Procedures and creatinine measurements, and the one transition derived from it, asserted exactly:
 * the procedure action kind goes through the same extraction, episode and transition code as
 * prescriptions and care plans (catalogue: golden-mappings/).
 */
class ProcedureGoldenTimelineTest {

    private static MappingCatalogue catalog;
    private static TransitionDeriver deriver;
    private static PatientRecord record;

    @BeforeAll
    static void load() throws IOException {
        catalog = new MappingCatalogLoader(new DefaultResourceLoader()).load("classpath:golden-mappings/");
        deriver = new TransitionDeriver(
                catalog,
                new ObservationClassifier(catalog, new UnitConverter()),
                new EpisodeBuilder(new ActionClassifier(catalog), 30, 400));
        Bundle bundle;
        try (InputStream in =
                ProcedureGoldenTimelineTest.class.getResourceAsStream("/golden-timelines/dialysis.json")) {
            bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, in);
        }
        List<Observation> observations = new ArrayList<>();
        List<Resource> actions = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof Observation o) {
                observations.add(o);
            } else if (entry.getResource() instanceof Procedure p) {
                actions.add(p);
            }
        }
        record = new PatientRecord("p-dialysis", observations, actions, List.of(), List.of(), Map.of());
    }

    @Test
    void dialysisSessionsFollowedByLowerCreatinine() {
        DerivationResult result = deriver.derive(record);

        // Three completed sessions within the merge gap form one episode; the session not done and the
        // colonoscopy (a code no class owns) make none.
        assertThat(result.episodes()).hasSize(1);
        ActionEpisode episode = result.episodes().get(0);
        assertThat(episode.actionClass().id()).isEqualTo("renal-dialysis");
        assertThat(episode.sources())
                .containsExactly("Procedure/dialysis-1", "Procedure/dialysis-2", "Procedure/dialysis-3");
        assertThat(episode.anchor()).isEqualTo("Procedure/dialysis-1");
        assertThat(episode.start()).isEqualTo(Instant.parse("2021-03-01T08:00:00Z"));
        assertThat(episode.end()).isNull();
        assertThat(episode.status()).isEqualTo(ActionEpisode.Status.COMPLETED);
        assertThat(episode.dosage()).isEqualTo(ActionEpisode.Dosage.NONE);

        assertThat(result.transitions()).hasSize(1);
        Transition t = result.transitions().get(0);
        assertThat(t.variable().id()).isEqualTo("creatinine");
        assertThat(t.ruleId()).isEqualTo("creatinine/renal-dialysis");
        assertThat(t.baseline().source()).isEqualTo("Observation/cr-baseline");
        assertThat(t.followUp().source()).isEqualTo("Observation/cr-follow-up");
        assertThat(t.baseline().value()).isEqualByComparingTo("6.2");
        // 362.4 umol/L × 113.12 g/mol = 40.994688 mg/L = 4.0994688 mg/dL
        assertThat(t.followUp().value()).isEqualByComparingTo("4.0994688");
        assertThat(t.delta()).isEqualByComparingTo("-2.1005312");
        assertThat(t.relativeChange()).isEqualByComparingTo("-33.9");
        assertThat(t.intervalDays()).isEqualTo(51);
        assertThat(t.direction()).isEqualTo(Direction.IMPROVED);
        assertThat(t.coInterventions()).isEmpty();
        assertThat(result.notDerived()).isEmpty();
    }

    @Test
    void theTransitionReferencesTheProceduresInPartOf() {
        Transition t = deriver.derive(record).transitions().get(0);
        Observation o = new TransitionResourceFactory(catalog).observation(t);

        assertThat(o.getBasedOn()).isEmpty();
        assertThat(o.getPartOf())
                .extracting(Reference::getReference)
                .containsExactly("Procedure/dialysis-1", "Procedure/dialysis-2", "Procedure/dialysis-3");
        assertThat(ActionReferences.anchor(o)).isEqualTo("Procedure/dialysis-1");
        assertThat(StoredTransition.read(o).sources())
                .containsExactly("Procedure/dialysis-1", "Procedure/dialysis-2", "Procedure/dialysis-3");
    }

    @Test
    void theProcedureFactsCarryItsCodesAndPerformedStart() {
        Procedure first = (Procedure) record.actions().get(0);
        var facts = deriver.extractor().actions(first, reference -> null);

        assertThat(facts).hasSize(1);
        assertThat(facts.get(0).source()).isEqualTo("Procedure/dialysis-1");
        assertThat(facts.get(0).actionClass()).isEqualTo("renal-dialysis");
        assertThat(facts.get(0).start()).isEqualTo(Instant.parse("2021-03-01T08:00:00Z"));
        assertThat(facts.get(0).end()).isNull();
        assertThat(facts.get(0).codes())
                .extracting(c -> c.getSystem() + "|" + c.getCode())
                .containsExactly("http://snomed.info/sct|265764009");
    }
}
