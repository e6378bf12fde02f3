package org.transitionnet.server.derivation.transition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus.ACTIVE;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.record.mapping.ActionClassifier;
import org.transitionnet.server.record.mapping.MappingCatalogLoader;
import org.transitionnet.server.record.mapping.ObservationClassifier;
import org.transitionnet.server.record.mapping.UnitConverter;

/**
 * One absurd value (1e300, a typo or an attack) neither decides a transition nor breaks derivation: the
 * catalogue's plausible ranges leave it out with a reason, and without a range the arithmetic still
 * cannot overflow.
 */
class PoisonValueDerivationTest {

    /** The catalogue of this source tree (the server's classpath may hold an older packaged copy). */
    private static final MappingCatalogue CATALOGUE =
            new MappingCatalogLoader(new DefaultResourceLoader()).load("file:../mappings/");
    /** Frozen test catalogue without plausible ranges. */
    private static final MappingCatalogue WITHOUT_RANGES = new MappingCatalogLoader(new DefaultResourceLoader())
            .load("classpath:golden-mappings/")
            .withoutPlausibleRanges();

    private static TransitionDeriver deriver(MappingCatalogue catalog) {
        return new TransitionDeriver(
                catalog,
                new ObservationClassifier(catalog, new UnitConverter()),
                new EpisodeBuilder(new ActionClassifier(catalog), 30, 400));
    }

    private static Timeline poisoned() {
        return new Timeline("p-poison")
                .lab("4548-4", 8.0, "%", -40)
                .lab("4548-4", 1e300, "%", -10)
                .prescription("mr-metformin", "860975", 0, ACTIVE, null)
                .lab("4548-4", 7.2, "%", 90);
    }

    @Test
    void everyStateVariableDeclaresAPlausibleRange() {
        assertThat(CATALOGUE.stateVariables())
                .allSatisfy(v -> assertThat(v.plausibleRange()).as(v.id()).isNotNull());
    }

    @Test
    void aValueOutsideThePlausibleRangeIsLeftOutWithAReason() {
        DerivationResult result = deriver(CATALOGUE).derive(poisoned().record());

        assertThat(result.transitions()).singleElement().satisfies(t -> {
            assertThat(t.baseline().value()).isEqualByComparingTo("8.0");
            assertThat(t.baselineCount()).isEqualTo(1);
        });
        assertThat(result.notDerived()).anySatisfy(n -> {
            assertThat(n.stateVariable()).isEqualTo("hba1c");
            assertThat(n.reason()).contains("Observation/obs-2", "E+300", "outside the plausible range [2, 25]");
        });
        TransitionDeriver deriver = deriver(CATALOGUE);
        assertThat(deriver.series(deriver.extractor()
                                .fromRecord(poisoned().record())
                                .measurements())
                        .values())
                .allSatisfy(
                        series -> assertThat(series).noneMatch(m -> m.source().equals("Observation/obs-2")));
    }

    @Test
    void withoutARangeTheArithmeticDoesNotOverflow() {
        DerivationResult result = deriver(WITHOUT_RANGES).derive(poisoned().record());

        assertThat(result.transitions()).singleElement().satisfies(t -> {
            assertThat(t.baselineCount()).isEqualTo(2);
            assertThat(t.spread()).isGreaterThan(new BigDecimal("1e299"));
            assertThat(t.confidence()).isEqualByComparingTo("0.000");
        });
    }
}
