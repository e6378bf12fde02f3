package org.transitionnet.server.release.deid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.support.ResearchExportClient;
import org.transitionnet.server.support.ServerTestBase;
import org.transitionnet.server.support.SyntheaPopulation;

/**
 * The attacks an adversarial scan ran against a full research export, run against an export of a
 * generated Synthea population (fixtures/population) with the source at hand. Each must fail:
 * <ol>
 *   <li>no released time, minus the transaction time or another released time, gives the patient's
 *       shift, and unshifting by any such guess links measurements to their source no better than chance;</li>
 *   <li>no released time has a time of day (code + value + time of day linked bundles without any key);</li>
 *   <li>every combination of quasi-identifiers released about a subject, with records and bundles joined by
 *       pseudonym, is shared by at least k subjects;</li>
 *   <li>per-export pseudonyms link neither to each other nor to consistent ones.</li>
 * </ol>
 */
class DeidentifiedExportAttackIT extends ServerTestBase {

    private static final String TEST_KEY = "test-only-deid-key-IT-0123456789abcdef";
    private static final int K = 3;
    private static final int MAX_SHIFT_DAYS = 365;
    private static final String LOINC = "http://loinc.org";
    private static final Pattern DATE_PREFIX = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}.*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, SyntheaPopulation.Member> bySubject;
    private static String groupId;
    private static ResearchExportClient.Export consistent;

    @BeforeEach
    void exportThePopulation() throws Exception {
        if (consistent != null) {
            return;
        }
        List<SyntheaPopulation.Member> members = derivedPopulation();
        Group group = new Group().setType(Group.GroupType.PERSON).setActual(true);
        members.forEach(m -> group.addMember().setEntity(new Reference("Patient/" + m.serverId())));
        groupId = client.create().resource(group).execute().getId().getIdPart();
        Pseudonymizer pseudonyms = new Pseudonymizer(DeidKey.of(TEST_KEY));
        bySubject = new HashMap<>();
        members.forEach(m -> bySubject.put(pseudonyms.resourceId("Patient", m.serverId()), m));
        // The date and identifier attacks need the population's bundles: without k^m over the records' items (_m=0),
        // which on a population of a few dozen leaves few (see the set-valued attack below, at the server's m).
        consistent = exports().run("/Group/" + groupId + "/$research-export?_k=" + K + "&_m=0");
        assertThat(consistent.lines("Bundle"))
                .as("the population yields released bundles")
                .hasSizeGreaterThan(10);
        assertThat(consistent.lines("ResearchTransition")).hasSizeGreaterThan(10);
    }

    private ResearchExportClient exports() {
        return new ResearchExportClient(baseUrl());
    }

    /** Attack 1: a time that carries the shift on top of a common time gives the shift away. */
    @Test
    void noReleasedTimeGivesAwayTheShift() throws Exception {
        LocalDate transactionTime = LocalDate.parse(
                consistent.manifest().path("transactionTime").asText().substring(0, 10));
        DateShifter shifter = new DateShifter(new Pseudonymizer(DeidKey.of(TEST_KEY)), MAX_SHIFT_DAYS);
        // Per location pair: (released time a − released time b, or a − transactionTime) − the patient's shift.
        Map<String, List<Long>> residues = new TreeMap<>();
        // Per location pair: the guessed shift per bundle, for the re-identification attack.
        List<Map<String, Long>> guesses = new ArrayList<>();
        List<List<Measurement>> released = new ArrayList<>();
        List<SyntheaPopulation.Member> owners = new ArrayList<>();
        for (String line : consistent.lines("Bundle")) {
            JsonNode bundle = JSON.readTree(line);
            SyntheaPopulation.Member owner = owner(bundle);
            int shift = shifter.shiftDays(owner.serverId());
            Map<String, Long> times = new TreeMap<>();
            collectTimes("Bundle", bundle, times);
            times.put("transactionTime", transactionTime.toEpochDay());
            Map<String, Long> guess = new TreeMap<>();
            for (Map.Entry<String, Long> a : times.entrySet()) {
                for (Map.Entry<String, Long> b : times.entrySet()) {
                    if (!a.getKey().equals(b.getKey())) {
                        String pair = a.getKey() + " - " + b.getKey();
                        residues.computeIfAbsent(pair, p -> new ArrayList<>()).add(a.getValue() - b.getValue() - shift);
                        guess.put(pair, a.getValue() - b.getValue());
                    }
                }
            }
            guesses.add(guess);
            released.add(
                    measurements(fhirContext.newJsonParser().parseResource(org.hl7.fhir.r4.model.Bundle.class, line)));
            owners.add(owner);
        }
        for (Map.Entry<String, List<Long>> pair : residues.entrySet()) {
            List<Long> values = pair.getValue();
            if (values.size() < 5) {
                continue;
            }
            long mostCommon = values.stream()
                    .mapToLong(v ->
                            values.stream().filter(w -> Math.abs(w - v) <= 1).count())
                    .max()
                    .orElse(0);
            assertThat(mostCommon)
                    .as(
                            "'%s' minus the patient's shift is the same for %d of %d bundles: it carries the shift",
                            pair.getKey(), mostCommon, values.size())
                    .isLessThan(Math.max(5, values.size() / 2));
        }

        // The attack: unshift every released measurement by a guess and look it up in the patient's source.
        Set<String> pairs = new TreeSet<>(residues.keySet());
        pairs.add("no shift");
        int total = released.stream().mapToInt(List::size).sum();
        assertThat(total).isGreaterThan(50);
        for (String pair : pairs) {
            int linked = 0;
            for (int i = 0; i < released.size(); i++) {
                long g = pair.equals("no shift") ? 0 : guesses.get(i).getOrDefault(pair, Long.MIN_VALUE);
                if (g == Long.MIN_VALUE) {
                    continue;
                }
                Set<Measurement> source =
                        new HashSet<>(measurements(owners.get(i).source()));
                for (Measurement m : released.get(i)) {
                    if (source.contains(m.shifted(-g))) {
                        linked++;
                    }
                }
            }
            assertThat(linked)
                    .as("measurements linked to their source by unshifting with '%s'", pair)
                    .isLessThan(total / 10);
        }
    }

    /** Attack 2: times of day are released nowhere (only the common transaction time has one). */
    @Test
    void noReleasedTimeHasATimeOfDay() throws Exception {
        String transactionTime = consistent.manifest().path("transactionTime").asText();
        int times = 0;
        for (String line : consistent.lines("Bundle")) {
            Map<String, Long> ignored = new TreeMap<>();
            List<String> values = new ArrayList<>();
            strings(JSON.readTree(line), values);
            for (String v : values) {
                if (v.matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
                    times++;
                    assertThat(v)
                            .as("a released time of day")
                            .matches(Pattern.quote(transactionTime) + "|\\d{4}-\\d{2}-\\d{2}T00:00:00Z");
                }
            }
        }
        assertThat(times).as("Bundle.timestamp and Provenance.recorded").isPositive();
        for (String line : consistent.lines("ResearchTransition")) {
            assertThat(line).doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
        }
    }

    /** Attack 3: join records and bundles by pseudonym; every combination of what they release needs k subjects. */
    @Test
    void everyCombinationReleasedAboutASubjectIsSharedByKSubjects() throws Exception {
        Map<String, Set<String>> bands = new HashMap<>();
        Map<String, String> sexes = new HashMap<>();
        for (String line : consistent.lines("ResearchTransition")) {
            JsonNode r = JSON.readTree(line);
            String subject = r.path("subjectPseudonym").asText();
            bands.computeIfAbsent(subject, s -> new TreeSet<>())
                    .add(r.path("ageBand").asText());
            sexes.put(subject, r.path("sex").asText());
        }
        Map<String, Set<String>> patientFields = new HashMap<>();
        for (String line : consistent.lines("Bundle")) {
            for (JsonNode entry : JSON.readTree(line).path("entry")) {
                JsonNode resource = entry.path("resource");
                if (resource.path("resourceType").asText().equals("Patient")) {
                    Set<String> fields =
                            patientFields.computeIfAbsent(resource.path("id").asText(), s -> new TreeSet<>());
                    resource.fields().forEachRemaining(f -> {
                        if (!Set.of("resourceType", "id", "meta").contains(f.getKey())) {
                            fields.add(f.getKey() + "=" + f.getValue());
                        }
                    });
                }
            }
        }
        Set<String> subjects = new TreeSet<>(bands.keySet());
        subjects.addAll(patientFields.keySet());
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        for (String subject : subjects) {
            String shown = sexes.get(subject) + "|" + bands.getOrDefault(subject, Set.of()) + "|"
                    + patientFields.getOrDefault(subject, Set.of());
            groups.computeIfAbsent(shown, g -> new TreeSet<>()).add(subject);
        }
        assertThat(groups).isNotEmpty();
        groups.forEach((shown, members) ->
                assertThat(members).as("subjects showing %s", shown).hasSizeGreaterThanOrEqualTo(K));

        JsonNode disclosure = consistent.disclosure();
        assertThat(disclosure.path("k").asInt()).isEqualTo(K);
        assertThat(disclosure.path("pseudonyms").asText()).isEqualTo("consistent");
        assertThat(disclosure.path("smallestGroup").asInt())
                .isGreaterThanOrEqualTo(K)
                .isEqualTo(groups.values().stream().mapToInt(Set::size).min().orElseThrow());
        assertThat(disclosure.path("subjectsReleased").asInt()).isEqualTo(subjects.size());
        assertThat(disclosure.path("quasiIdentifiers").toString())
                .contains("ageBand", "sex", "Patient.gender", "Patient.address.postalCode");
        assertThat(disclosure.path("clinicalTimePrecision").asText()).isEqualTo("day");
        assertThat(disclosure.path("dateShift").path("maxDays").asInt()).isEqualTo(MAX_SHIFT_DAYS);
        assertThat(disclosure.path("releaseTime").asText())
                .isEqualTo(consistent.manifest().path("transactionTime").asText());
        String url = disclosure.path("url").asText();
        JsonNode downloaded = JSON.readTree(exports().send("GET", url, false).body());
        assertThat(downloaded.path("smallestGroup").asInt())
                .isEqualTo(disclosure.path("smallestGroup").asInt());
        assertThat(downloaded
                                .path("attributes")
                                .path("ageBand")
                                .path("released")
                                .asInt()
                        + downloaded
                                .path("attributes")
                                .path("ageBand")
                                .path("generalized")
                                .asInt())
                .isPositive();
    }

    /** Nothing identifying of any source patient appears in any output. */
    /**
     * Attack: what a subject's records contain besides demographics. Knowing two of someone's drugs (or a drug and a
     * measured variable, or how many records they have) must not single them out: every combination of up to two
     * items, read from the released records alone, is shared by k subjects. The report's figures are the ones
     * recomputed here.
     */
    @Test
    void noPairOfWhatASubjectsRecordsContainSinglesThemOut() throws Exception {
        // The server's m (2): as a researcher's export without _m.
        ResearchExportClient.Export release = exports().run("/Group/" + groupId + "/$research-export?_k=" + K);
        Map<String, Set<String>> items = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        // The same population without the check: a pair of items singles a subject out there.
        assertThat(singledOut(consistent)).isPositive();
        for (String line : release.lines("ResearchTransition")) {
            JsonNode r = JSON.readTree(line);
            String subject = r.path("subjectPseudonym").asText();
            Set<String> held = items.computeIfAbsent(subject, s -> new TreeSet<>());
            r.path("action")
                    .path("class")
                    .forEach(c -> held.add("action:" + c.path("code").asText()));
            r.path("coInterventionClass")
                    .forEach(c -> held.add("action:" + c.path("code").asText()));
            held.add("variable:" + r.path("stateVariable").path("code").asText());
            counts.merge(subject, 1, Integer::sum);
        }
        counts.forEach((subject, n) -> items.get(subject).add("records:" + n));
        Map<String, Integer> support = new HashMap<>();
        for (Set<String> held : items.values()) {
            List<String> list = new ArrayList<>(held);
            for (int i = 0; i < list.size(); i++) {
                support.merge(list.get(i), 1, Integer::sum);
                for (int j = i + 1; j < list.size(); j++) {
                    support.merge(list.get(i) + " + " + list.get(j), 1, Integer::sum);
                }
            }
        }
        assertThat(items).hasSizeGreaterThanOrEqualTo(K);
        support.forEach((combination, n) ->
                assertThat(n).as("subjects whose records show %s", combination).isGreaterThanOrEqualTo(K));

        JsonNode disclosure = release.disclosure();
        int smallest =
                support.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
        assertThat(disclosure.path("setValued").path("m").asInt()).isEqualTo(2);
        assertThat(disclosure.path("setValued").path("smallestSupport").asInt()).isEqualTo(smallest);
        assertThat(disclosure.path("risk").path("setValuedK").asInt()).isEqualTo(smallest);
    }

    /** Subjects of a release whom some combination of up to two items of their records singles out (fewer than K hold it). */
    private static long singledOut(ResearchExportClient.Export release) throws Exception {
        Map<String, Set<String>> items = new HashMap<>();
        for (String line : release.lines("ResearchTransition")) {
            JsonNode r = JSON.readTree(line);
            Set<String> held = items.computeIfAbsent(r.path("subjectPseudonym").asText(), s -> new TreeSet<>());
            r.path("action")
                    .path("class")
                    .forEach(c -> held.add("action:" + c.path("code").asText()));
            held.add("variable:" + r.path("stateVariable").path("code").asText());
        }
        Map<String, Integer> support = new HashMap<>();
        items.values().forEach(held -> pairs(held).forEach(p -> support.merge(p, 1, Integer::sum)));
        return items.values().stream()
                .filter(held -> pairs(held).stream().anyMatch(p -> support.get(p) < K))
                .count();
    }

    private static List<String> pairs(Set<String> held) {
        List<String> list = new ArrayList<>(held);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(list.get(i));
            for (int j = i + 1; j < list.size(); j++) {
                out.add(list.get(i) + " + " + list.get(j));
            }
        }
        return out;
    }

    /** The risk report's prosecutor figures follow from the released classes (what each subject shows). */
    @Test
    void theRiskReportIsWhatTheReleasedFilesShow() throws Exception {
        JsonNode disclosure = consistent.disclosure();
        JsonNode risk = disclosure.path("risk");
        assertThat(risk.path("prosecutorHighest").asDouble())
                .isEqualTo(
                        Math.round(10_000.0 / disclosure.path("smallestGroup").asInt()) / 10_000.0);
        assertThat(risk.path("prosecutorHighest").asDouble()).isLessThanOrEqualTo(1.0 / K);
        assertThat(risk.path("prosecutorAverage").asDouble())
                .isLessThanOrEqualTo(risk.path("prosecutorHighest").asDouble());
        assertThat(risk.path("journalistHighest").asDouble())
                .isLessThanOrEqualTo(risk.path("prosecutorHighest").asDouble());
        assertThat(risk.path("keyFingerprint").asText())
                .isEqualTo(disclosure.path("key").path("fingerprint").asText());
        assertThat(risk.path("uniqueValueShare").asDouble())
                .isEqualTo(disclosure.path("uniqueValues").path("shareAfter").asDouble());
    }

    @Test
    void noIdentifyingValueOfAnySourcePatientIsReleased() {
        String everything = String.join("\n", consistent.lines("Bundle")) + "\n"
                + String.join("\n", consistent.lines("ResearchTransition"));
        Set<String> tokens = new HashSet<>();
        for (String line : everything.split("\n")) {
            try {
                strings(JSON.readTree(line), new ArrayList<>() {
                    @Override
                    public boolean add(String s) {
                        return tokens.add(s);
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        for (SyntheaPopulation.Member m : bySubject.values()) {
            IdentifyingValues identifying = IdentifyingValues.of(fhirContext, m.source());
            assertThat(identifying.values)
                    .contains(m.patient().getNameFirstRep().getFamily(), m.uuid());
            for (String value : identifying.values) {
                if (value.chars().allMatch(Character::isDigit)) {
                    assertThat(tokens).as("numeric identifier of " + m.uuid()).doesNotContain(value);
                } else {
                    assertThat(everything)
                            .as("identifying value of " + m.uuid())
                            .doesNotContain(value);
                }
            }
            assertThat(everything)
                    .doesNotContain(m.patient().getBirthDateElement().getValueAsString());
        }
    }

    /** Attack 4: per-export pseudonyms differ between exports, and from the consistent ones. */
    @Test
    void perExportPseudonymsLinkToNothing() throws Exception {
        ResearchExportClient.Export first =
                exports().run("/Group/" + groupId + "/$research-export?_k=" + K + "&_m=0&_pseudonyms=per-export");
        ResearchExportClient.Export second =
                exports().run("/Group/" + groupId + "/$research-export?_k=" + K + "&_m=0&_pseudonyms=per-export");
        assertThat(first.disclosure().path("pseudonyms").asText()).isEqualTo("per-export");
        assertThat(first.disclosure().path("dateShift").path("scope").asText()).isEqualTo("this export only");
        Set<String> a = subjects(first);
        Set<String> b = subjects(second);
        Set<String> c = subjects(consistent);
        assertThat(a).isNotEmpty().doesNotContainAnyElementsOf(b).doesNotContainAnyElementsOf(c);
        assertThat(b).isNotEmpty().doesNotContainAnyElementsOf(c);
        // Nor do the bundles' other ids link: no resource id of one export appears in the other.
        Set<String> idsA = ids(first);
        assertThat(ids(second)).doesNotContainAnyElementsOf(idsA);
        assertThat(exports()
                        .send("GET", "/Group/" + groupId + "/$research-export?_pseudonyms=per-export&_push=true", true)
                        .statusCode())
                .isEqualTo(400);
        assertThat(exports()
                        .send("GET", "/Group/" + groupId + "/$research-export?_pseudonyms=sometimes", true)
                        .statusCode())
                .isEqualTo(400);
    }

    private static Set<String> subjects(ResearchExportClient.Export export) throws Exception {
        Set<String> out = new TreeSet<>();
        for (String line : export.lines("ResearchTransition")) {
            out.add(JSON.readTree(line).path("subjectPseudonym").asText());
        }
        for (String line : export.lines("Bundle")) {
            for (JsonNode entry : JSON.readTree(line).path("entry")) {
                if (entry.path("resource").path("resourceType").asText().equals("Patient")) {
                    out.add(entry.path("resource").path("id").asText());
                }
            }
        }
        return out;
    }

    private static Set<String> ids(ResearchExportClient.Export export) throws Exception {
        Set<String> out = new TreeSet<>();
        for (String line : export.lines("Bundle")) {
            JsonNode bundle = JSON.readTree(line);
            out.add(bundle.path("id").asText());
            bundle.path("entry")
                    .forEach(e -> out.add(e.path("resource").path("id").asText()));
        }
        return out;
    }

    private SyntheaPopulation.Member owner(JsonNode bundle) {
        for (JsonNode entry : bundle.path("entry")) {
            if (entry.path("resource").path("resourceType").asText().equals("Patient")) {
                return bySubject.get(entry.path("resource").path("id").asText());
            }
        }
        throw new AssertionError("bundle without Patient");
    }

    /** The earliest day of each time location (resource type + element path) in the bundle. */
    private static void collectTimes(String path, JsonNode node, Map<String, Long> into) {
        if (node.isObject()) {
            String here = node.has("resourceType") ? node.path("resourceType").asText() : path;
            node.fields().forEachRemaining(f -> collectTimes(here + "." + f.getKey(), f.getValue(), into));
        } else if (node.isArray()) {
            node.forEach(item -> collectTimes(path, item, into));
        } else if (node.isTextual() && DATE_PREFIX.matcher(node.asText()).matches()) {
            long day = LocalDate.parse(node.asText().substring(0, 10)).toEpochDay();
            into.merge(path, day, Math::min);
        }
    }

    private static void strings(JsonNode node, List<String> into) {
        if (node.isContainerNode()) {
            node.forEach(child -> strings(child, into));
            if (node.isObject()) {
                node.fields().forEachRemaining(f -> strings(f.getValue(), into));
            }
        } else if (node.isTextual()) {
            into.add(node.asText());
        }
    }

    /** A measurement as an attacker matches it: LOINC code, value, calendar day. */
    private record Measurement(String code, String value, long day) {
        Measurement shifted(long days) {
            return new Measurement(code, value, day + days);
        }
    }

    private static List<Measurement> measurements(org.hl7.fhir.r4.model.Bundle bundle) {
        return measurements(bundle.getEntry().stream()
                .map(org.hl7.fhir.r4.model.Bundle.BundleEntryComponent::getResource)
                .toList());
    }

    private static List<Measurement> measurements(List<Resource> resources) {
        List<Measurement> out = new ArrayList<>();
        for (Resource r : resources) {
            if (!(r instanceof Observation o) || !o.hasEffectiveDateTimeType()) {
                continue;
            }
            long day = LocalDate.parse(
                            o.getEffectiveDateTimeType().getValueAsString().substring(0, 10))
                    .toEpochDay();
            add(out, o.getCode(), o.hasValueQuantity() ? o.getValueQuantity() : null, day);
            o.getComponent()
                    .forEach(c -> add(out, c.getCode(), c.hasValueQuantity() ? c.getValueQuantity() : null, day));
        }
        return out;
    }

    private static void add(
            List<Measurement> out, org.hl7.fhir.r4.model.CodeableConcept code, Quantity value, long day) {
        if (value == null || value.getValue() == null) {
            return;
        }
        code.getCoding().stream()
                .filter(c -> LOINC.equals(c.getSystem()))
                .findFirst()
                .ifPresent(c -> out.add(new Measurement(
                        c.getCode(), value.getValue().stripTrailingZeros().toPlainString(), day)));
    }
}
