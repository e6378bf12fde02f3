package org.transitionnet.server.release.deid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.product.benchmark.dataset.DatasetStore;
import org.transitionnet.server.product.benchmark.dataset.SubjectKeys;
import org.transitionnet.server.product.benchmark.task.TaskCatalog;
import org.transitionnet.server.support.BenchmarkFamilyKeys;
import org.transitionnet.server.support.DatasetBuildClient;
import org.transitionnet.server.support.ServerTestBase;
import org.transitionnet.server.support.SyntheaPopulation;

/**
 * A benchmark dataset version scanned with the Synthea source at hand, as an adversary holding it
 * would: no identifying value of any source patient (names, identifiers such as the SSN, addresses,
 * telecom, ids, free text, full timestamps, birth dates) appears in any released file or record row,
 * and no released measurement can be found in its patient's source by its value on its released
 * date — while unshifting with the patient's real shift, which only the key gives, finds most of them.
 */
class BenchmarkDatasetLeakIT extends ServerTestBase {

    private static final String TEST_KEY = "test-only-deid-key-IT-0123456789abcdef";
    private static final int MAX_SHIFT_DAYS = 365;

    private static List<SyntheaPopulation.Member> members;
    private static String datasetId;

    @Autowired
    private DatasetStore store;

    @Autowired
    private TaskCatalog tasks;

    @Autowired
    private MappingCatalogue catalog;

    @BeforeEach
    void buildAVersion() {
        if (datasetId != null) {
            return;
        }
        members = derivedPopulation();
        JsonNode result = new DatasetBuildClient(baseUrl(), adminToken()).build("_k=1&_minHeldOutSubjects=1");
        datasetId = result.path("datasetId").asText();
    }

    /** Every record row, every file of the version and the dataset operations' answers about it. */
    private String everything() {
        StringBuilder all = new StringBuilder();
        jdbc.queryForList("SELECT inputs FROM tn_bench_record WHERE dataset_id = ?", String.class, datasetId)
                .forEach(r -> all.append(r).append('\n'));
        for (DatasetStore.StoredFile f : store.files(datasetId)) {
            // Binary files (Parquet) are scanned as bytes: plain strings in them show.
            all.append(new String(store.file(datasetId, f.path()).orElseThrow(), StandardCharsets.ISO_8859_1))
                    .append('\n');
        }
        DatasetBuildClient builds = new DatasetBuildClient(baseUrl(), adminToken());
        all.append(builds.get("/$datasets?dataset=" + datasetId).body());
        return all.toString();
    }

    @Test
    void noIdentifyingValueOfAnySourcePatientIsReleased() {
        String everything = everything();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM tn_bench_record WHERE dataset_id = ?", Integer.class, datasetId))
                .isPositive();
        Set<String> tokens = new HashSet<>(List.of(everything.split("[^A-Za-z0-9.:+-]+")));
        for (SyntheaPopulation.Member m : members) {
            IdentifyingValues identifying = IdentifyingValues.of(fhirContext, m.source());
            assertThat(identifying.values)
                    .contains(m.patient().getNameFirstRep().getFamily(), m.uuid());
            // Race and ethnicity category texts ("Other", "White") are vocabulary shared by many people, and plain
            // words of the
            // card's prose; no dataset field carries race or ethnicity at all.
            Set<String> categories = categoryTexts(m.patient());
            for (String value : identifying.values) {
                if (categories.contains(value)) {
                    continue;
                }
                if (value.chars().allMatch(Character::isDigit)) {
                    assertThat(tokens).as("numeric identifier of " + m.uuid()).doesNotContain(value);
                } else {
                    assertThat(everything)
                            .as("identifying value of " + m.uuid())
                            .doesNotContain(value);
                }
            }
            for (String dateTime : identifying.dateTimes) {
                assertThat(everything).as("source time of " + m.uuid()).doesNotContain(dateTime);
            }
            assertThat(everything)
                    .doesNotContain(m.patient().getBirthDateElement().getValueAsString());
            assertThat(everything).doesNotContain("Patient/" + m.serverId() + "\"", "\"" + m.serverId() + "\"");
        }
    }

    @Test
    void releasedMeasurementsDoNotLinkToTheirSourceWithoutTheShift() {
        // The version family's keys: only a holder of the server's key can derive them.
        String family = store.version(datasetId).orElseThrow().familyId();
        SubjectKeys keys = BenchmarkFamilyKeys.keys(TEST_KEY, family, tasks.splitRule());
        DateShifter shifter = BenchmarkFamilyKeys.shifts(TEST_KEY, family, MAX_SHIFT_DAYS);
        Map<Long, SyntheaPopulation.Member> bySubjectId = new HashMap<>();
        members.forEach(m -> bySubjectId.put(keys.subjectId(keys.subject(m.serverId())), m));
        int total = 0;
        int linkedAsReleased = 0;
        int linkedWithTheShift = 0;
        for (String inputs :
                jdbc.queryForList("SELECT inputs FROM tn_bench_record WHERE dataset_id = ?", String.class, datasetId)) {
            JsonNode r = DatasetBuildClient.json(inputs);
            SyntheaPopulation.Member m = bySubjectId.get(r.path("subjectId").asLong());
            if (m == null) {
                continue;
            }
            Set<Measurement> source = measurements(m.source());
            int shift = shifter.shiftDays(m.serverId());
            List<JsonNode> released = new ArrayList<>();
            released.add(r.path("baseline"));
            r.path("inputs").forEach(released::add);
            for (JsonNode measurement : released) {
                BigDecimal value = measurement.path("value").decimalValue().stripTrailingZeros();
                // Released values are rounded to the catalogue's release precision: the source is searched for a
                // value that rounds to it.
                String variable = measurement.path("variable").asText();
                LocalDate day = Instant.parse(measurement.path("time").asText())
                        .atZone(ZoneOffset.UTC)
                        .toLocalDate();
                total++;
                if (found(source, variable, value, day)) {
                    linkedAsReleased++;
                }
                if (found(source, variable, value, day.minusDays(shift))) {
                    linkedWithTheShift++;
                }
            }
        }
        assertThat(total).isGreaterThan(20);
        assertThat(linkedWithTheShift)
                .as("with the key's shift the measurements are found: the scan can see a leak")
                .isGreaterThan(total / 2);
        assertThat(linkedAsReleased)
                .as("released measurements found in the source by value and released date")
                .isLessThan(total / 10);
    }

    private record Measurement(BigDecimal value, LocalDate day) {}

    private boolean found(Set<Measurement> source, String variable, BigDecimal released, LocalDate day) {
        ReleasedValues rounding = ReleasedValues.roundingOnly(catalog);
        return source.stream()
                .anyMatch(m -> m.day().equals(day)
                        && rounding.round(variable, m.value()).compareTo(released) == 0);
    }

    /** Every quantity of the source Observations (value and components) with the UTC day it was taken. */
    private static Set<Measurement> measurements(List<Resource> resources) {
        Set<Measurement> out = new HashSet<>();
        for (Resource r : resources) {
            if (!(r instanceof Observation o) || !o.hasEffectiveDateTimeType()) {
                continue;
            }
            LocalDate day = o.getEffectiveDateTimeType()
                    .getValue()
                    .toInstant()
                    .atZone(ZoneOffset.UTC)
                    .toLocalDate();
            add(out, o.hasValueQuantity() ? o.getValueQuantity() : null, day);
            o.getComponent().forEach(c -> add(out, c.hasValueQuantity() ? c.getValueQuantity() : null, day));
        }
        return out;
    }

    private static void add(Set<Measurement> out, Quantity q, LocalDate day) {
        if (q != null && q.getValue() != null) {
            out.add(new Measurement(q.getValue().stripTrailingZeros(), day));
        }
    }

    private static Set<String> categoryTexts(org.hl7.fhir.r4.model.Patient patient) {
        Set<String> texts = new HashSet<>();
        for (org.hl7.fhir.r4.model.Extension category : patient.getExtension()) {
            if (category.getUrl().endsWith("us-core-race") || category.getUrl().endsWith("us-core-ethnicity")) {
                org.hl7.fhir.r4.model.Extension text = category.getExtensionByUrl("text");
                if (text != null && text.getValue() != null) {
                    texts.add(text.getValue().primitiveValue());
                }
            }
        }
        return texts;
    }
}
