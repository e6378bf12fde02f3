package org.transitionnet.server.release.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.record.mapping.MappingCatalogLoader;

/** What a release publishes as an adverse event, by the catalogue's condition categories and the release policy. */
class AdverseEventPolicyTest {

    private static final MappingCatalogue CATALOG =
            new MappingCatalogLoader(new DefaultResourceLoader()).load("classpath:transitionnet/mappings/");
    private static final String SNOMED = "http://snomed.info/sct";

    private static CodeableConcept snomed(String... codes) {
        CodeableConcept c = new CodeableConcept();
        for (String code : codes) {
            c.addCoding(new Coding(SNOMED, code, null));
        }
        return c;
    }

    @Test
    void byDefaultOnlyClinicalAdverseEventsAreReleased() {
        AdverseEventPolicy policy = AdverseEventPolicy.defaults(CATALOG);
        assertThat(policy.withholdReason(snomed("10509002"))).isNull(); // acute bronchitis
        assertThat(policy.withholdReason(snomed("706893006"))).isEqualTo("abuse-and-violence");
        assertThat(policy.withholdReason(snomed("424393004"))).isEqualTo("abuse-and-violence");
        assertThat(policy.withholdReason(snomed("55680006"))).isEqualTo("substance-use");
        assertThat(policy.withholdReason(snomed("361055000"))).isEqualTo("substance-use");
        assertThat(policy.withholdReason(snomed("266948004"))).isEqualTo("legal-social");
        assertThat(policy.withholdReason(snomed("72892002"))).isEqualTo("reproductive-health");
        assertThat(policy.withholdReason(snomed("73595000"))).isEqualTo("mental-health");
        assertThat(policy.withholdReason(snomed("86406008"))).isEqualTo("hiv");
        assertThat(policy.withholdReason(snomed("314529007"))).isEqualTo("not-an-event");
        assertThat(policy.withholdReason(snomed("1"))).isEqualTo(AdverseEventPolicy.UNCLASSIFIED);
        assertThat(policy.withholdReason(new CodeableConcept())).isEqualTo(AdverseEventPolicy.UNCLASSIFIED);
        assertThat(policy.l()).isEqualTo(2);
    }

    @Test
    void aSensitiveCodingWithholdsTheEventWhateverItsOtherCodingsSay() {
        AdverseEventPolicy policy = AdverseEventPolicy.defaults(CATALOG);
        assertThat(policy.withholdReason(snomed("10509002", "55680006"))).isEqualTo("substance-use");
        assertThat(policy.withholdReason(snomed("1", "10509002"))).isNull();
        assertThat(policy.released(List.of(snomed("10509002"), snomed("706893006"), snomed("1"))))
                .extracting(c -> c.getCodingFirstRep().getCode())
                .containsExactly("10509002");
        assertThat(policy.withheld(List.of(snomed("10509002"), snomed("706893006"), snomed("424393004"), snomed("1"))))
                .isEqualTo(Map.of("abuse-and-violence", 2, AdverseEventPolicy.UNCLASSIFIED, 1));
    }

    @Test
    void theWithheldCategoriesAreASettingAndListedInCatalogueOrder() {
        AdverseEventPolicy defaults = AdverseEventPolicy.defaults(CATALOG);
        assertThat(defaults.withheldCategories())
                .containsExactly(
                        "not-an-event",
                        "substance-use",
                        "abuse-and-violence",
                        "legal-social",
                        "reproductive-health",
                        "mental-health",
                        "hiv",
                        AdverseEventPolicy.UNCLASSIFIED);

        AdverseEventPolicy onlyAbuse = new AdverseEventPolicy(CATALOG, List.of("abuse-and-violence"), true, 3);
        assertThat(onlyAbuse.withholdReason(snomed("706893006"))).isEqualTo("abuse-and-violence");
        assertThat(onlyAbuse.withholdReason(snomed("55680006"))).isNull();
        assertThat(onlyAbuse.withholdReason(snomed("1"))).isNull();
        assertThat(onlyAbuse.withholdReason(snomed("314529007")))
                .as("not-an-event is never released")
                .isEqualTo("not-an-event");
        assertThat(onlyAbuse.withheldCategories()).containsExactly("not-an-event", "abuse-and-violence");
        assertThat(onlyAbuse.disclosure().l).isEqualTo(3);
    }

    @Test
    void refusesACategoryThatIsUnknownOrNotSensitiveAndAnLBelowOne() {
        assertThatThrownBy(() -> new AdverseEventPolicy(CATALOG, List.of("criminal-record"), false, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("criminal-record")
                .hasMessageContaining("no condition category");
        assertThatThrownBy(() -> new AdverseEventPolicy(CATALOG, List.of("clinical"), false, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a sensitive category");
        assertThatThrownBy(() -> new AdverseEventPolicy(CATALOG, null, false, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    @Test
    void aCatalogueWithoutConditionClassesReleasesNothingUnlessUnclassifiedCodesAre() {
        MappingCatalogue bare = new MappingCatalogue(
                CATALOG.version(), CATALOG.actionKinds(), CATALOG.stateVariables(), CATALOG.actionClasses());
        assertThat(AdverseEventPolicy.defaults(bare).releases(snomed("10509002")))
                .isFalse();
        assertThat(new AdverseEventPolicy(bare, null, true, 2).releases(snomed("10509002")))
                .isTrue();
    }
}
