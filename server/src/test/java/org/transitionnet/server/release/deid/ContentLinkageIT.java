package org.transitionnet.server.release.deid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.catalogue.StateVariable;
import org.transitionnet.server.support.DatasetBuildClient;
import org.transitionnet.server.support.ResearchExportClient;
import org.transitionnet.server.support.ServerTestBase;

/**
 * The content linkage attacks on releases of the same population: a recipient of two per-export research
 * exports, or of a per-export export and a benchmark dataset, matches subjects by what their records contain
 * (state variable, values and day offsets), not by ids; and a recipient singles a subject out by a value no
 * other subject holds. Values are released at the catalogue's release precision and top/bottom-coded, day
 * offsets of a per-export release are coarsened under the release's own key and records are shuffled per
 * release, so exact content matches are no more frequent than chance.
 */
class ContentLinkageIT extends ServerTestBase {

    private static final Logger LOG = LoggerFactory.getLogger(ContentLinkageIT.class);

    private static ResearchExportClient.Export first;
    private static ResearchExportClient.Export second;
    private static List<JsonNode> dataset;

    @Autowired
    private MappingCatalogue catalog;

    @BeforeEach
    void releaseTwice() throws Exception {
        if (dataset != null) {
            return;
        }
        derivedPopulation();
        ResearchExportClient exports = new ResearchExportClient(baseUrl());
        first = exports.run("/$research-export?_type=ResearchTransition&_k=1&_pseudonyms=per-export");
        second = exports.run("/$research-export?_type=ResearchTransition&_k=1&_pseudonyms=per-export");
        DatasetBuildClient builds = new DatasetBuildClient(baseUrl(), adminToken());
        String datasetId =
                builds.build("_k=1&_minHeldOutSubjects=1").path("datasetId").asText();
        dataset =
                jdbc
                        .queryForList(
                                "SELECT inputs FROM tn_bench_record WHERE dataset_id = ?", String.class, datasetId)
                        .stream()
                        .map(DatasetBuildClient::json)
                        .toList();
    }

    @Test
    void twoPerExportReleasesLinkNoMoreSubjectsThanChance() {
        Map<String, List<String>> a = contentBySubject(first);
        Map<String, List<String>> b = contentBySubject(second);
        assertThat(a).hasSizeGreaterThan(10);
        assertThat(b).hasSameSizeAs(a);
        int linked = uniqueMatches(a, b);
        LOG.info("content linkage: {} of {} subjects linked across two per-export releases", linked, a.size());
        // Exact source content links every subject. Chance: a record's day-offset window falls the same way in both
        // releases one time in 30 (transitionnet.release.day-offset-window), so a subject with one record is matched
        // exactly about one time in 30; allow a few such coincidences, never a tenth of the population.
        assertThat(linked)
                .as(
                        "subjects of one per-export release linked to the other by (code, value, day offset) sets, of %s",
                        a.size())
                .isLessThanOrEqualTo(Math.max(3, a.size() / 10));
    }

    @Test
    void recordOrderIsShuffledPerRelease() {
        List<String> a = first.lines("ResearchTransition").stream()
                .map(ContentLinkageIT::json)
                .map(r -> r.path("stateVariable").path("code").asText() + "/"
                        + r.path("baseline").path("value").path("value").asText())
                .toList();
        List<String> b = second.lines("ResearchTransition").stream()
                .map(ContentLinkageIT::json)
                .map(r -> r.path("stateVariable").path("code").asText() + "/"
                        + r.path("baseline").path("value").path("value").asText())
                .toList();
        assertThat(a).hasSameSizeAs(b).isNotEqualTo(b);
        assertThat(new HashSet<>(a)).isEqualTo(new HashSet<>(b));
    }

    @Test
    void datasetRecordsAreNotFoundInAPerExportReleaseByContentMoreOftenThanByChance() {
        List<String[]> exported = new ArrayList<>();
        for (String line : first.lines("ResearchTransition")) {
            JsonNode r = json(line);
            exported.add(new String[] {
                r.path("stateVariable").path("code").asText() + "|"
                        + decimal(r.path("baseline").path("value").path("value")),
                Long.toString(r.path("baseline").path("dayOffset").asLong())
            });
        }
        assertThat(dataset).isNotEmpty();
        int window = first.disclosure().path("dayOffsetWindowDays").asInt();
        assertThat(window).isGreaterThan(1);
        int found = 0;
        double chance = 0;
        for (JsonNode r : dataset) {
            JsonNode baseline = r.path("baseline");
            String content = baseline.path("variable").asText() + "|" + decimal(baseline.path("value"));
            long day = baseline.path("dayOffset").asLong();
            int near = 0;
            boolean match = false;
            for (String[] e : exported) {
                if (e[0].equals(content)) {
                    long offset = Long.parseLong(e[1]);
                    match |= offset == day;
                    // An export record of the same (variable, value) whose window can reach the dataset's exact offset
                    // lands on it one time in a window, whoever's record it is.
                    near += Math.abs(offset - day) < window ? 1 : 0;
                }
            }
            found += match ? 1 : 0;
            chance += Math.min(1.0, (double) near / window);
        }
        LOG.info(
                "content linkage: {} of {} dataset baselines found in a per-export release, {} expected by chance",
                found,
                dataset.size(),
                String.format(java.util.Locale.ROOT, "%.1f", chance));
        // Exact offsets in the export found every dataset baseline; now only window middles that happen to fall on the
        // dataset's exact offset remain.
        assertThat(found)
                .as(
                        "dataset baselines found in a per-export release by (variable, value, day offset), of %s",
                        dataset.size())
                .isLessThanOrEqualTo((int) Math.ceil(2 * chance) + 3)
                .isLessThan(dataset.size() / 2);
    }

    @Test
    void noReleaseIsFinerThanTheCataloguePrecision() {
        for (String line : first.lines("ResearchTransition")) {
            JsonNode r = json(line);
            StateVariable v = variable(r.path("stateVariable").path("code").asText());
            assertOnGrid(v, r.path("baseline").path("value").path("value"));
            assertOnGrid(v, r.path("followUp").path("value").path("value"));
        }
        for (JsonNode r : dataset) {
            JsonNode baseline = r.path("baseline");
            assertOnGrid(variable(baseline.path("variable").asText()), baseline.path("value"));
            r.path("inputs")
                    .forEach(in -> assertOnGrid(variable(in.path("variable").asText()), in.path("value")));
        }
    }

    @Test
    void fewSubjectsHoldAValueNoOtherSubjectHolds() {
        Map<String, Set<String>> holders = new HashMap<>();
        Set<String> subjects = new HashSet<>();
        for (String line : first.lines("ResearchTransition")) {
            JsonNode r = json(line);
            String subject = r.path("subjectPseudonym").asText();
            subjects.add(subject);
            String code = r.path("stateVariable").path("code").asText();
            for (String m : List.of("baseline", "followUp")) {
                if (r.path(m).path("value").path("value").isMissingNode()) {
                    continue; // not released: held by too few subjects
                }
                holders.computeIfAbsent(
                                code + "|" + decimal(r.path(m).path("value").path("value")), k -> new HashSet<>())
                        .add(subject);
            }
        }
        Set<String> unique = new HashSet<>();
        holders.values().stream().filter(h -> h.size() == 1).forEach(unique::addAll);
        JsonNode reported = first.disclosure().path("uniqueValues");
        LOG.info(
                "content linkage: unique values {}, coding {}",
                reported,
                first.disclosure().path("valueCoding"));
        assertThat(reported.path("subjects").asInt()).isEqualTo(subjects.size());
        assertThat(reported.path("subjectsWithUniqueValueAfter").asInt()).isEqualTo(unique.size());
        assertThat(reported.path("subjectsWithUniqueValueBefore").asInt()).isGreaterThanOrEqualTo(unique.size());
        assertThat(unique.size())
                .as("subjects holding a released (variable, value) no other subject holds, of %s", subjects.size())
                .isLessThanOrEqualTo(subjects.size() / 20);
    }

    /** Per subject, the sorted (code, baseline value, offset, follow-up value, offset) of its records. */
    private static Map<String, List<String>> contentBySubject(ResearchExportClient.Export export) {
        Map<String, List<String>> content = new TreeMap<>();
        for (String line : export.lines("ResearchTransition")) {
            JsonNode r = json(line);
            content.computeIfAbsent(r.path("subjectPseudonym").asText(), s -> new ArrayList<>())
                    .add(r.path("stateVariable").path("code").asText() + "|"
                            + decimal(r.path("baseline").path("value").path("value")) + "@"
                            + r.path("baseline").path("dayOffset").asLong() + "|"
                            + decimal(r.path("followUp").path("value").path("value")) + "@"
                            + r.path("followUp").path("dayOffset").asLong());
        }
        content.values().forEach(l -> l.sort(null));
        return content;
    }

    /** Subjects whose content is unique in both releases and the same in both: the attacker's certain links. */
    // Without ground truth across per-export pseudonyms every such match counts as a link, right or wrong.
    private static int uniqueMatches(Map<String, List<String>> a, Map<String, List<String>> b) {
        Map<List<String>, Integer> countA = new HashMap<>();
        a.values().forEach(c -> countA.merge(c, 1, Integer::sum));
        Map<List<String>, Integer> countB = new HashMap<>();
        b.values().forEach(c -> countB.merge(c, 1, Integer::sum));
        int linked = 0;
        for (List<String> c : a.values()) {
            if (countA.get(c) == 1 && countB.getOrDefault(c, 0) == 1) {
                linked++;
            }
        }
        return linked;
    }

    private StateVariable variable(String id) {
        return catalog.stateVariable(id).orElseThrow();
    }

    private static void assertOnGrid(StateVariable v, JsonNode value) {
        if (value.isMissingNode()) {
            return;
        }
        BigDecimal step = v.release().precision();
        assertThat(decimal(value).remainder(step).signum())
                .as("%s value %s on the grid of %s", v.id(), value, step)
                .isZero();
    }

    private static BigDecimal decimal(JsonNode value) {
        return value.decimalValue().stripTrailingZeros();
    }

    private static JsonNode json(String line) {
        return DatasetBuildClient.json(line);
    }
}
