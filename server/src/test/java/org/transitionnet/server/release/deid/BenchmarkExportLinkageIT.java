package org.transitionnet.server.release.deid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.support.DatasetBuildClient;
import org.transitionnet.server.support.ResearchExportClient;
import org.transitionnet.server.support.ServerTestBase;

/**
 * The linkage attack of a model builder who holds both a consistent research export and a benchmark
 * dataset version: nothing released by one links to the other by ids, dates or shifts. The dataset's
 * MEDS subject ids and record ids never appear in the export; a released baseline is not found
 * in the export by its value on its shifted date (the two products shift dates by unrelated keys); and
 * two versions of different families (here: different k) share no subject id, so versions released at
 * different generalization levels cannot be joined.
 */
class BenchmarkExportLinkageIT extends ServerTestBase {

    private static String export;
    private static Set<ValueOnDay> exportedMeasurements;
    private static List<JsonNode> records;
    private static List<JsonNode> otherFamily;
    private static JsonNode firstListed;
    private static JsonNode firstBuild;
    private static JsonNode secondListed;

    @BeforeEach
    void exportAndBuild() throws Exception {
        if (records != null) {
            return;
        }
        derivedPopulation();
        ResearchExportClient.Export bundles =
                new ResearchExportClient(baseUrl()).run("/$research-export?_type=Bundle&_k=1");
        StringBuilder all = new StringBuilder();
        Set<ValueOnDay> measured = new HashSet<>();
        for (List<String> lines : bundles.lines().values()) {
            for (String line : lines) {
                all.append(line).append('\n');
                if (line.contains("\"resourceType\":\"Bundle\"")) {
                    Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, line);
                    bundle.getEntry().forEach(e -> {
                        if (e.getResource() instanceof Observation o) {
                            measurements(o, measured);
                        }
                    });
                }
            }
        }
        export = all.toString();
        exportedMeasurements = measured;
        DatasetBuildClient builds = new DatasetBuildClient(baseUrl(), adminToken());
        firstBuild = builds.build("_k=1&_minHeldOutSubjects=1");
        String first = firstBuild.path("datasetId").asText();
        String second =
                builds.build("_k=2&_minHeldOutSubjects=1").path("datasetId").asText();
        records = rows(first);
        otherFamily = rows(second);
        firstListed = DatasetBuildClient.json(
                builds.get("/$datasets?dataset=" + first).body());
        secondListed = DatasetBuildClient.json(
                builds.get("/$datasets?dataset=" + second).body());
    }

    private List<JsonNode> rows(String datasetId) {
        return jdbc
                .queryForList("SELECT inputs FROM tn_bench_record WHERE dataset_id = ?", String.class, datasetId)
                .stream()
                .map(DatasetBuildClient::json)
                .toList();
    }

    @Test
    void noDatasetIdAppearsInTheExport() {
        assertThat(records).isNotEmpty();
        assertThat(exportedMeasurements).isNotEmpty();
        for (JsonNode r : records) {
            // The subject pseudonym itself is never released (only its MEDS subject id is).
            assertThat(r.has("subject")).isFalse();
            assertThat(r.path("recordId").asText()).isNotEmpty();
            assertThat(export).as("record id").doesNotContain(r.path("recordId").asText());
            assertThat(r.path("subjectId").asLong()).isPositive();
            assertThat(export)
                    .as("MEDS subject id")
                    .doesNotContain(r.path("subjectId").asText());
        }
    }

    @Test
    void releasedBaselinesAreNotFoundInTheExportOnTheirShiftedDates() {
        int found = 0;
        for (JsonNode r : records) {
            JsonNode baseline = r.path("baseline");
            LocalDate day = Instant.parse(baseline.path("time").asText())
                    .atZone(ZoneOffset.UTC)
                    .toLocalDate();
            if (exportedMeasurements.contains(
                    new ValueOnDay(baseline.path("value").decimalValue().stripTrailingZeros(), day))) {
                found++;
            }
        }
        // How many records the committed population gives depends on its split (keyed by the server's patient ids),
        // which
        // decides which tasks have a held-out subject and are published: at least one task is.
        assertThat(records).as("records of %s", firstBuild).isNotEmpty();
        // Chance alone (another subject measured the same value on the same shifted day, or a shift drawn equal) stays
        // under 5 %;
        // under the export's key every one of them is found.
        assertThat(found)
                .as("dataset baselines found in the export by value and shifted date")
                .isLessThanOrEqualTo(records.size() / 20);
    }

    @Test
    void versionsOfDifferentFamiliesShareNoSubjectId() {
        Set<Long> first = new HashSet<>();
        Set<String> firstRecords = new HashSet<>();
        records.forEach(r -> {
            first.add(r.path("subjectId").asLong());
            firstRecords.add(r.path("recordId").asText());
        });
        assertThat(otherFamily).isNotEmpty();
        for (JsonNode r : otherFamily) {
            assertThat(first)
                    .as("subject id shared across families")
                    .doesNotContain(r.path("subjectId").asLong());
            assertThat(firstRecords)
                    .as("record id shared across families")
                    .doesNotContain(r.path("recordId").asText());
        }
        // The listing names each version's family; different families are different MAJOR lines.
        JsonNode a = version(firstListed);
        JsonNode b = version(secondListed);
        assertThat(a.path("family").asText()).matches("fam-[0-9a-f]{16}");
        assertThat(b.path("family").asText())
                .matches("fam-[0-9a-f]{16}")
                .isNotEqualTo(a.path("family").asText());
        assertThat(major(b)).isNotEqualTo(major(a));
    }

    /** The one version a {@code $datasets?dataset=} answer lists. */
    private static JsonNode version(JsonNode listing) {
        JsonNode versions = listing.path("versions");
        return versions.isArray() && versions.size() > 0 ? versions.get(0) : listing;
    }

    private static String major(JsonNode version) {
        return version.path("semver").asText().split("\\.")[0];
    }

    private record ValueOnDay(BigDecimal value, LocalDate day) {}

    private static void measurements(Observation o, Set<ValueOnDay> out) {
        if (!o.hasEffectiveDateTimeType() || o.getEffectiveDateTimeType().getValue() == null) {
            return;
        }
        LocalDate day =
                LocalDate.parse(o.getEffectiveDateTimeType().getValueAsString().substring(0, 10));
        add(out, o.hasValueQuantity() ? o.getValueQuantity() : null, day);
        o.getComponent().forEach(c -> add(out, c.hasValueQuantity() ? c.getValueQuantity() : null, day));
    }

    private static void add(Set<ValueOnDay> out, Quantity q, LocalDate day) {
        if (q != null && q.getValue() != null) {
            out.add(new ValueOnDay(q.getValue().stripTrailingZeros(), day));
        }
    }
}
