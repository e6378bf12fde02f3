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
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Observation;
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
 * A fixed small patient bundle (test resource golden-timelines/influenza-vaccination.json) with Immunizations and
 * body weights, and the one transition derived from it, asserted exactly: the immunization action kind (patient in
 * {@code patient}, start {@code occurrenceDateTime}, CVX codes) goes through the same extraction, episode and
 * transition code as the other kinds. The catalogue is the shipped one, where body weight is influenza vaccination's
 * negative-control outcome (no effect expected), so "unchanged" is the observation, not a finding.
 */
class ImmunizationGoldenTimelineTest {

    private static MappingCatalogue catalog;
    private static TransitionDeriver deriver;
    private static PatientRecord record;

    @BeforeAll
    static void load() throws IOException {
        catalog = new MappingCatalogLoader(new DefaultResourceLoader()).load("classpath:transitionnet/mappings/");
        deriver = new TransitionDeriver(
                catalog,
                new ObservationClassifier(catalog, new UnitConverter()),
                new EpisodeBuilder(new ActionClassifier(catalog), 30, 400));
        Bundle bundle;
        try (InputStream in = ImmunizationGoldenTimelineTest.class.getResourceAsStream(
                "/golden-timelines/influenza-vaccination.json")) {
            bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, in);
        }
        List<Observation> observations = new ArrayList<>();
        List<Resource> actions = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof Observation o) {
                observations.add(o);
            } else if (entry.getResource() instanceof Immunization i) {
                actions.add(i);
            }
        }
        record = new PatientRecord("p-flu", observations, actions, List.of(), List.of(), Map.of());
    }

    @Test
    void influenzaVaccinationFollowedByBodyWeight() {
        DerivationResult result = deriver.derive(record);

        // The completed influenza vaccination is one episode; the not-done one and the Td vaccine (a code no class
        // owns) make none.
        assertThat(result.episodes()).hasSize(1);
        ActionEpisode episode = result.episodes().get(0);
        assertThat(episode.actionClass().id()).isEqualTo("influenza-vaccination");
        assertThat(episode.sources()).containsExactly("Immunization/flu-1");
        assertThat(episode.anchor()).isEqualTo("Immunization/flu-1");
        assertThat(episode.start()).isEqualTo(Instant.parse("2021-10-04T10:00:00Z"));
        assertThat(episode.end()).isNull();
        assertThat(episode.status()).isEqualTo(ActionEpisode.Status.COMPLETED);
        assertThat(episode.dosage()).isEqualTo(ActionEpisode.Dosage.NONE);

        assertThat(result.transitions()).hasSize(1);
        Transition t = result.transitions().get(0);
        assertThat(t.variable().id()).isEqualTo("body-weight");
        assertThat(t.ruleId()).isEqualTo("body-weight/influenza-vaccination");
        assertThat(t.baseline().source()).isEqualTo("Observation/bw-baseline");
        assertThat(t.followUp().source()).isEqualTo("Observation/bw-follow-up");
        assertThat(t.baseline().value()).isEqualByComparingTo("82.4");
        assertThat(t.followUp().value()).isEqualByComparingTo("81.9");
        assertThat(t.delta()).isEqualByComparingTo("-0.5");
        assertThat(t.relativeChange()).isEqualByComparingTo("-0.6");
        // From the baseline (2021-09-20) to the follow-up (2022-01-12).
        assertThat(t.intervalDays()).isEqualTo(114);
        // Below body weight's minimal meaningful change of 2 kg.
        assertThat(t.direction()).isEqualTo(Direction.UNCHANGED);
        assertThat(t.coInterventions()).isEmpty();
        assertThat(result.notDerived()).isEmpty();
    }

    @Test
    void theTransitionReferencesTheImmunizationInPartOf() {
        Transition t = deriver.derive(record).transitions().get(0);
        Observation o = new TransitionResourceFactory(catalog).observation(t);

        assertThat(o.getBasedOn()).isEmpty();
        assertThat(o.getPartOf()).extracting(Reference::getReference).containsExactly("Immunization/flu-1");
        assertThat(ActionReferences.anchor(o)).isEqualTo("Immunization/flu-1");
        assertThat(StoredTransition.read(o).sources()).containsExactly("Immunization/flu-1");
    }

    @Test
    void theImmunizationFactsCarryItsVaccineCodeAndOccurrence() {
        Immunization first = (Immunization) record.actions().get(0);
        var facts = deriver.extractor().actions(first, reference -> null);

        assertThat(facts).hasSize(1);
        assertThat(facts.get(0).source()).isEqualTo("Immunization/flu-1");
        assertThat(facts.get(0).actionClass()).isEqualTo("influenza-vaccination");
        assertThat(facts.get(0).start()).isEqualTo(Instant.parse("2021-10-04T10:00:00Z"));
        assertThat(facts.get(0).end()).isNull();
        assertThat(facts.get(0).codes())
                .extracting(c -> c.getSystem() + "|" + c.getCode())
                .containsExactly("http://hl7.org/fhir/sid/cvx|140");
        assertThat(deriver.extractor().actions(record.actions().get(1), reference -> null))
                .as("not done")
                .isEmpty();
        assertThat(deriver.extractor().actions(record.actions().get(2), reference -> null))
                .as("no class owns Td")
                .isEmpty();
    }
}
