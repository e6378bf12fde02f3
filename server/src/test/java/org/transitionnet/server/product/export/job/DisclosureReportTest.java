package org.transitionnet.server.product.export.job;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.config.QuickStartDemo;
import org.transitionnet.server.release.deid.DeidEngines;
import org.transitionnet.server.release.deid.DeidProperties;
import org.transitionnet.server.release.deid.DeidRuleSet;
import org.transitionnet.server.release.policy.KAnonymity;
import org.transitionnet.server.release.policy.SubjectQuasi;

/**
 * The disclosure report names the key family an export was made under (a fingerprint that tells keys apart and
 * recomputes nothing), warns when the key is the published demo key, and its per-attribute counts add up.
 */
class DisclosureReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "a-private-test-key-0123456789abcdefghij";

    @Test
    void namesTheKeyByAFingerprintThatDiffersPerKeyAndRevealsNoKeyedValue() throws Exception {
        DisclosureReport consistent = DisclosureReport.of(parameters("consistent"), engines(KEY));
        DisclosureReport again = DisclosureReport.of(parameters("per-export"), engines(KEY));
        DisclosureReport other = DisclosureReport.of(parameters("consistent"), engines(KEY + "-other"));

        assertThat(consistent.key.fingerprint).hasSize(16).matches("[0-9a-f]+");
        assertThat(again.key.fingerprint).isEqualTo(consistent.key.fingerprint);
        assertThat(other.key.fingerprint).isNotEqualTo(consistent.key.fingerprint);
        assertThat(consistent.key.derivation).contains("server key itself");
        assertThat(again.key.derivation).contains("this export's own key");
        assertThat(consistent.key.warning).isNull();
        assertThat(JSON.writeValueAsString(consistent)).doesNotContain(KEY);
    }

    @Test
    void warnsWhenTheQuickStartDemoKeyIsInUse() {
        DisclosureReport report = DisclosureReport.of(parameters("per-export"), engines(QuickStartDemo.DEID_KEY));

        assertThat(report.key.warning).contains("published demo key").contains("transitionnet.deid.key");
    }

    @Test
    void perAttributeCountsAddUpToTheSubjectsThatCarryTheAttribute() throws Exception {
        DisclosureReport report = DisclosureReport.of(parameters("consistent"), engines(KEY));
        SubjectQuasi withAge = new SubjectQuasi("s1", "female", new TreeSet<>(List.of(44)), new TreeSet<>());
        SubjectQuasi withoutAge = new SubjectQuasi("s2", "female", new TreeSet<>(), new TreeSet<>());
        KAnonymity.Plan plan = KAnonymity.plan(List.of(withAge, withoutAge), 1);
        report.count(withAge, plan);
        report.count(withoutAge, plan);

        JsonNode json = JSON.readTree(JSON.writeValueAsString(report));
        JsonNode sex = json.path("attributes").path("sex");
        JsonNode age = json.path("attributes").path("ageBand");
        assertThat(sex.path("subjectsWith").asInt())
                .isEqualTo(sex.path("released").asInt()
                        + sex.path("generalized").asInt()
                        + sex.path("suppressed").asInt())
                .isEqualTo(2);
        assertThat(age.path("subjectsWith").asInt()).isEqualTo(1);
        assertThat(json.path("attributeCounting").asText()).contains("subjectsWith");
        // The stored report reads back (subjectsWith is derived, not a field).
        assertThat(JSON.readValue(JSON.writeValueAsString(report), DisclosureReport.class)
                        .attributes
                        .get("sex")
                        .released)
                .isEqualTo(report.attributes.get("sex").released);
    }

    private static ExportJobParameters parameters(String pseudonyms) {
        return new ExportJobParameters()
                .setK(1)
                .setPseudonyms(pseudonyms)
                .setPseudonymSalt("per-export".equals(pseudonyms) ? "salt-1" : null)
                .setTransactionTime("2026-01-01T00:00:00Z");
    }

    private static DeidEngines engines(String key) {
        try (InputStream rules = DisclosureReportTest.class.getResourceAsStream("/deid/default-rules.yaml")) {
            return new DeidEngines(
                    FhirContext.forR4Cached(),
                    DeidRuleSet.read(rules),
                    new DeidProperties(key, null, null),
                    Clock.systemUTC());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
