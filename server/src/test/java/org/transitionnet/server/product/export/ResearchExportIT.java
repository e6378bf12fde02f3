package org.transitionnet.server.product.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.transitionnet.server.ig.TransitionVocabulary;
import org.transitionnet.server.release.deid.DeidKey;
import org.transitionnet.server.release.deid.Pseudonymizer;
import org.transitionnet.server.release.policy.ConsentPolicy;
import org.transitionnet.server.support.RawHttp;
import org.transitionnet.server.support.ResearchExportClient;
import org.transitionnet.server.support.ServerTestBase;
import org.transitionnet.server.support.SmallTimeline;
import org.transitionnet.server.support.SyntheaFixtures;
import org.transitionnet.server.support.TestSecurity;

/** The research export's Bulk Data async protocol, k-anonymity, consent, _since and registry push, on the Synthea fixtures. */
class ResearchExportIT extends ServerTestBase {

    private static final String TEST_KEY = "test-only-deid-key-IT-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CALENDAR_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static Map<String, String> patients;

    @Autowired
    private ExportPurger purger;

    private static boolean derived;

    @BeforeEach
    void fixtures() {
        patients = SyntheaFixtures.load(http, client);
        if (!derived) {
            rederiveAndWait(patients.values());
            derived = true;
        }
    }

    @Test
    void kickOffPollManifestAndDownloads() throws Exception {
        HttpResponse<String> kickOff = send("GET", "/$research-export?_k=1", true);
        assertThat(kickOff.statusCode()).as(kickOff.body()).isEqualTo(202);
        String status = kickOff.headers().firstValue("Content-Location").orElseThrow();

        HttpResponse<String> first = send("GET", status, false);
        HttpResponse<String> tooSoon = send("GET", status, false);
        assertThat(List.of(first.statusCode(), tooSoon.statusCode())).contains(429);
        HttpResponse<String> throttled = first.statusCode() == 429 ? first : tooSoon;
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        assertThat(throttled.body()).contains("OperationOutcome");

        JsonNode manifest = awaitManifest(status, true);
        assertThat(manifest.path("transactionTime").asText()).isNotEmpty();
        assertThat(manifest.path("request").asText()).contains("$research-export");
        assertThat(manifest.path("requiresAccessToken").asBoolean()).isTrue();
        assertThat(manifest.path("error").isArray()).isTrue();
        Map<String, Integer> counts = new HashMap<>();
        StringBuilder everything = new StringBuilder();
        for (JsonNode output : manifest.path("output")) {
            HttpResponse<String> file = send("GET", output.path("url").asText(), false);
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type").orElse("")).contains("ndjson");
            String[] lines = file.body().isEmpty() ? new String[0] : file.body().split("\n");
            assertThat(lines.length)
                    .as("manifest count of " + output)
                    .isEqualTo(output.path("count").asInt());
            counts.put(output.path("type").asText(), lines.length);
            everything.append(file.body());
            for (String line : lines) {
                if (output.path("type").asText().equals("ResearchTransition")) {
                    JsonNode record = JSON.readTree(line);
                    assertThat(record.path("observationalDataStatement").asText())
                            .isEqualTo(TransitionVocabulary.DISCLAIMER);
                    assertThat(CALENDAR_DATE.matcher(line).find()).as(line).isFalse();
                } else {
                    Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, line);
                    assertThat(bundle.getEntry()).isNotEmpty();
                }
            }
        }
        assertThat(counts.get("ResearchTransition")).isPositive();
        assertThat(counts.get("Bundle")).isPositive();

        for (String serverId : patients.values()) {
            Patient patient =
                    client.read().resource(Patient.class).withId(serverId).execute();
            // Server ids are short numbers that occur by chance in values; the references must not.
            assertThat(everything.toString())
                    .doesNotContain(
                            "Patient/" + serverId + "\"",
                            "\"id\":\"" + serverId + "\"",
                            patient.getNameFirstRep().getFamily(),
                            patient.getBirthDateElement().getValueAsString(),
                            patient.getAddressFirstRep().getLine().get(0).getValue());
        }
    }

    @Test
    void completeStatusExpiresAndFilesNeedAToken() throws Exception {
        String status = kickOff("/$research-export?_k=1&_type=ResearchTransition");
        JsonNode manifest = awaitManifest(status, true);
        String file = manifest.path("output").get(0).path("url").asText();

        // A clean export lists no error file; its (empty) error file still answers.
        assertThat(manifest.path("error").isArray()).isTrue();
        assertThat(manifest.path("error")).isEmpty();
        HttpResponse<String> errorFile =
                send("GET", file.replaceAll("_file=\\d+", "_file=" + ExportErrors.FILE), false);
        assertThat(errorFile.statusCode()).isEqualTo(200);
        assertThat(errorFile.body()).isEmpty();
        // Downloads need a token (requiresAccessToken).
        assertThat(new RawHttp(baseUrl()).get(file).statusCode()).isEqualTo(401);
        // The complete status says until when the files stay: the export's end plus the retention (24 h).
        Thread.sleep(400);
        HttpResponse<String> complete = send("GET", status, false);
        assertThat(complete.statusCode()).isEqualTo(200);
        Instant expires = java.time.ZonedDateTime.parse(
                        complete.headers().firstValue("Expires").orElseThrow(),
                        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant();
        assertThat(expires)
                .isBetween(
                        Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
    }

    @Test
    void csvHasAHeaderAndTheManifestCount() throws Exception {
        JsonNode manifest =
                awaitManifest(kickOff("/$research-export?_k=1&_type=ResearchTransition&_outputFormat=text/csv"), true);
        JsonNode output = manifest.path("output").get(0);
        HttpResponse<String> file = send("GET", output.path("url").asText(), false);
        assertThat(file.headers().firstValue("Content-Type").orElse("")).contains("text/csv");
        String[] lines = file.body().split("\n");
        assertThat(lines[0]).startsWith("subjectPseudonym,ageBand,sex");
        assertThat(lines.length - 1).isEqualTo(output.path("count").asInt()).isPositive();
    }

    @Test
    void defaultKSuppressesSmallGroupsAndTheManifestSaysHowMany() throws Exception {
        // The three fixture patients alone (other tests load a population into the same database).
        org.hl7.fhir.r4.model.Group fixtures = new org.hl7.fhir.r4.model.Group();
        fixtures.setType(org.hl7.fhir.r4.model.Group.GroupType.PERSON).setActual(true);
        patients.values().forEach(id -> fixtures.addMember().setEntity(new Reference("Patient/" + id)));
        String groupId = client.create().resource(fixtures).execute().getId().getIdPart();
        JsonNode manifest =
                awaitManifest(kickOff("/Group/" + groupId + "/$research-export?_type=ResearchTransition"), true);
        JsonNode summary = manifest.path("extension").path("http://transitionnet.org/fhir/research-export-summary");
        assertThat(summary.path("k").asInt()).isEqualTo(5);
        assertThat(summary.path("recordsSuppressed").asInt()).isPositive();
        assertThat(manifest.path("output").get(0).path("count").asInt()).isZero();
        assertThat(summary.path("recordsReleased").asInt()).isZero();
    }

    @Test
    void kAnonymityHoldsForEveryReleasedGroup() throws Exception {
        JsonNode manifest = awaitManifest(kickOff("/$research-export?_type=ResearchTransition&_k=2"), true);
        Map<String, Set<String>> groups = new HashMap<>();
        String body = send("GET", manifest.path("output").get(0).path("url").asText(), false)
                .body();
        for (String line : body.isEmpty() ? new String[0] : body.split("\n")) {
            JsonNode r = JSON.readTree(line);
            groups.computeIfAbsent(
                            r.path("ageBand").asText() + "|" + r.path("sex").asText(), g -> new HashSet<>())
                    .add(r.path("subjectPseudonym").asText());
        }
        assertThat(groups.values()).allMatch(subjects -> subjects.size() >= 2);
    }

    @Test
    void releasedBundlesAreKAnonymousInWhatTheyShow() throws Exception {
        JsonNode manifest = awaitManifest(kickOff("/$research-export?_type=Bundle&_k=2"), true);
        JsonNode summary = manifest.path("extension").path("http://transitionnet.org/fhir/research-export-summary");
        String body = send("GET", manifest.path("output").get(0).path("url").asText(), false)
                .body();
        String[] lines = body.isEmpty() ? new String[0] : body.split("\n");
        assertThat(lines.length).isEqualTo(summary.path("bundlesReleased").asInt());
        assertThat(summary.path("bundlesReleased").asInt()
                        + summary.path("bundlesSuppressed").asInt())
                .isPositive();
        Map<String, Set<String>> groups = new HashMap<>();
        for (String line : lines) {
            Patient p = fhirContext.newJsonParser().parseResource(Bundle.class, line).getEntry().stream()
                    .map(Bundle.BundleEntryComponent::getResource)
                    .filter(Patient.class::isInstance)
                    .map(Patient.class::cast)
                    .findFirst()
                    .orElseThrow();
            String shown = (p.hasBirthDate() ? p.getBirthDateElement().getValueAsString() : "") + "|"
                    + (p.hasGender() ? p.getGender().toCode() : "") + "|"
                    + p.getAddress().stream()
                            .map(a -> a.getPostalCode())
                            .filter(java.util.Objects::nonNull)
                            .sorted()
                            .toList();
            groups.computeIfAbsent(shown, g -> new HashSet<>())
                    .add(p.getIdElement().getIdPart());
        }
        assertThat(groups.values()).allMatch(subjects -> subjects.size() >= 2);
    }

    @Test
    void optedOutPatientIsNeverExported() throws Exception {
        String patientId = patients.get(SyntheaFixtures.METFORMIN_PATIENT);
        String pseudonym = new Pseudonymizer(DeidKey.of(TEST_KEY)).resourceId("Patient", patientId);
        Consent deny = new Consent();
        deny.setStatus(Consent.ConsentState.ACTIVE);
        deny.setScope(new CodeableConcept(new Coding(ConsentPolicy.SCOPE_SYSTEM, ConsentPolicy.SCOPE_RESEARCH, null)));
        deny.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", null)));
        deny.setPatient(new Reference("Patient/" + patientId));
        deny.setDateTime(new java.util.Date());
        deny.getProvision().setType(Consent.ConsentProvisionType.DENY);
        IdType consentId = (IdType) client.create().resource(deny).execute().getId();
        try {
            JsonNode manifest = awaitManifest(kickOff("/$research-export?_k=1"), true);
            assertThat(manifest.path("extension")
                            .path("http://transitionnet.org/fhir/research-export-summary")
                            .path("excludedByConsent")
                            .asInt())
                    .isEqualTo(1);
            for (JsonNode output : manifest.path("output")) {
                assertThat(send("GET", output.path("url").asText(), false).body())
                        .doesNotContain(pseudonym);
            }
        } finally {
            client.delete().resourceById(consentId.toUnqualifiedVersionless()).execute();
        }
        JsonNode without = awaitManifest(kickOff("/$research-export?_k=1&_type=ResearchTransition"), true);
        assertThat(send("GET", without.path("output").get(0).path("url").asText(), false)
                        .body())
                .contains(pseudonym);
    }

    @Test
    void patientContextTokenCannotStartAnExport() {
        String patientToken = TestSecurity.get().token("patient/*.rs", patients.get(SyntheaFixtures.METFORMIN_PATIENT));
        HttpResponse<String> refused = send("GET", "/$research-export", true, patientToken);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("OperationOutcome");
        HttpResponse<String> anonymous = new RawHttp(baseUrl())
                .getWithHeaders("/$research-export", "application/fhir+json", "Prefer", "respond-async");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void cancelThenNotFound() throws Exception {
        String status = kickOff("/$research-export?_k=1");
        HttpResponse<String> cancel = send("DELETE", status, false);
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
        HttpResponse<String> after = send("GET", status, false);
        assertThat(after.statusCode()).isEqualTo(404);
        assertThat(after.body()).contains("OperationOutcome");
    }

    @Test
    void sinceReturnsOnlyWhatChanged() throws Exception {
        JsonNode all = awaitManifest(
                kickOff("/$research-export?_k=1&_type=ResearchTransition&_since=2000-01-01T00:00:00Z"), true);
        assertThat(all.path("output").get(0).path("count").asInt()).isPositive();
        String now = Instant.now().toString();
        JsonNode none = awaitManifest(kickOff("/$research-export?_k=1&_type=ResearchTransition&_since=" + now), true);
        assertThat(none.path("output").get(0).path("count").asInt()).isZero();

        // A changed patient: re-deriving after removing one stored transition writes it again.
        String patientId = patients.get(SyntheaFixtures.STATIN_PATIENT);
        Bundle transitions = client.search()
                .byUrl("Observation?subject=Patient/" + patientId + "&category=" + TransitionVocabulary.CS_CATEGORY
                        + "|" + TransitionVocabulary.CATEGORY_DERIVED)
                .returnBundle(Bundle.class)
                .execute();
        String since = Instant.now().toString();
        Thread.sleep(50);
        client.delete()
                .resourceById(transitions
                        .getEntryFirstRep()
                        .getResource()
                        .getIdElement()
                        .toUnqualifiedVersionless())
                .execute();
        rederiveAndWait(List.of(patientId));
        JsonNode changed =
                awaitManifest(kickOff("/$research-export?_k=1&_type=ResearchTransition&_since=" + since), true);
        String pseudonym = new Pseudonymizer(DeidKey.of(TEST_KEY)).resourceId("Patient", patientId);
        String body = send("GET", changed.path("output").get(0).path("url").asText(), false)
                .body();
        assertThat(body).contains(pseudonym);
        for (String line : body.split("\n")) {
            assertThat(JSON.readTree(line).path("subjectPseudonym").asText()).isEqualTo(pseudonym);
        }
    }

    @Test
    void sinceNamesSubjectsWhoseTransitionsWereAllRemoved() throws Exception {
        Instant start = Instant.parse("2022-01-10T10:00:00Z");
        String patientId = client.create()
                .resource(new Patient().setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE))
                .execute()
                .getId()
                .getIdPart();
        client.create()
                .resource(SmallTimeline.hba1c(patientId, start.minus(Duration.ofDays(20)), 8.4))
                .execute();
        client.create().resource(SmallTimeline.metformin(patientId, start)).execute();
        String followUp = client.create()
                .resource(SmallTimeline.hba1c(patientId, start.plus(Duration.ofDays(95)), 7.3))
                .execute()
                .getId()
                .toUnqualifiedVersionless()
                .getValue();
        rederiveAndWait(List.of(patientId));
        String transitionsOfPatient = "Observation?subject=Patient/" + patientId + "&category="
                + TransitionVocabulary.CS_CATEGORY + "|" + TransitionVocabulary.CATEGORY_DERIVED;
        assertThat(client.search()
                        .byUrl(transitionsOfPatient)
                        .returnBundle(Bundle.class)
                        .execute()
                        .getEntry())
                .hasSize(1);

        String since = Instant.now().toString();
        Thread.sleep(50);
        // Deleting the follow-up deletes the transition derived from it in the same transaction.
        client.delete().resourceById(new IdType(followUp)).execute();
        assertThat(client.search()
                        .byUrl(transitionsOfPatient)
                        .returnBundle(Bundle.class)
                        .execute()
                        .getEntry())
                .isEmpty();

        JsonNode manifest = awaitManifest(kickOff("/$research-export?_k=1&_since=" + since), true);
        JsonNode summary = manifest.path("extension").path("http://transitionnet.org/fhir/research-export-summary");
        String pseudonym = new Pseudonymizer(DeidKey.of(TEST_KEY)).resourceId("Patient", patientId);
        assertThat(summary.path("subjectsWithoutTransitions").toString())
                .as(summary.toString())
                .contains(pseudonym);
        for (JsonNode output : manifest.path("output")) {
            assertThat(send("GET", output.path("url").asText(), false).body()).doesNotContain(pseudonym);
        }
        JsonNode before = awaitManifest(kickOff("/$research-export?_k=1&_since=" + Instant.now()), true);
        assertThat(before.path("extension")
                        .path("http://transitionnet.org/fhir/research-export-summary")
                        .path("subjectsWithoutTransitions")
                        .toString())
                .doesNotContain(pseudonym);
    }

    @Test
    void badRequestsGetAnOperationOutcome() throws Exception {
        assertThat(send("GET", "/$research-export", false).statusCode())
                .as("no Prefer")
                .isEqualTo(400);
        for (String bad : List.of(
                "/$research-export?_type=Patient",
                "/$research-export?_outputFormat=xml",
                "/$research-export?_since=yesterday",
                "/$research-export?_k=0",
                "/$research-export?_type=Bundle&_outputFormat=csv")) {
            HttpResponse<String> r = send("GET", bad, true);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(r.body()).as(bad).contains("OperationOutcome");
        }
        HttpResponse<String> filtered =
                send("GET", "/$research-export?_typeFilter=Observation%3Fcode%3D4548-4&patient=Patient/1", true);
        assertThat(filtered.statusCode()).isEqualTo(400);
        assertThat(filtered.body()).contains("OperationOutcome", "_typeFilter, patient", "handling=lenient");
        assertThat(send("GET", "/$research-export-status?_jobId=nope", false).statusCode())
                .isEqualTo(404);
        assertThat(send("GET", "/Group/does-not-exist/$research-export", true).statusCode())
                .isEqualTo(404);
    }

    @Test
    void lenientHandlingIgnoresUnsupportedParameters() {
        HttpResponse<String> kickOff = new RawHttp(baseUrl())
                .withToken(TestSecurity.get().token("system/*.rs", null))
                .getWithHeaders(
                        "/$research-export?_k=1&_type=ResearchTransition,Patient&_elements=id",
                        "application/fhir+json",
                        "Prefer",
                        "respond-async, handling=lenient");
        assertThat(kickOff.statusCode()).as(kickOff.body()).isEqualTo(202);
        String status = kickOff.headers().firstValue("Content-Location").orElseThrow();
        assertThat(send("DELETE", status, false).statusCode()).isEqualTo(202);
    }

    @Test
    void postKickOffReadsItsParametersBody() throws Exception {
        String body = """
				{"resourceType":"Parameters","parameter":[{"name":"_type","valueString":"ResearchTransition"},
				{"name":"_k","valueString":"1"},{"name":"includeAssociatedData","valueCode":"LatestProvenanceResources"}]}""";
        java.net.http.HttpRequest.Builder post = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(baseUrl() + "/$research-export"))
                .header("Authorization", "Bearer " + TestSecurity.get().token("system/*.rs", null))
                .header("Accept", "application/fhir+json")
                .header("Content-Type", "application/fhir+json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

        HttpResponse<String> strict =
                http.send(post.copy().header("Prefer", "respond-async").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(strict.statusCode()).as(strict.body()).isEqualTo(400);
        assertThat(strict.body()).contains("includeAssociatedData");

        HttpResponse<String> lenient = http.send(
                post.copy().header("Prefer", "respond-async, handling=lenient").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(lenient.statusCode()).as(lenient.body()).isEqualTo(202);
        JsonNode manifest =
                awaitManifest(lenient.headers().firstValue("Content-Location").orElseThrow(), true);
        assertThat(manifest.path("request").asText()).contains("$research-export");
        assertThat(manifest.path("output"))
                .allSatisfy(o -> assertThat(o.path("type").asText()).isEqualTo("ResearchTransition"));
    }

    @Test
    void groupExportCoversItsMembersOnly() throws Exception {
        String member = patients.get(SyntheaFixtures.STATIN_PATIENT);
        org.hl7.fhir.r4.model.Group group = new org.hl7.fhir.r4.model.Group();
        group.setType(org.hl7.fhir.r4.model.Group.GroupType.PERSON).setActual(true);
        group.addMember().setEntity(new Reference("Patient/" + member));
        String groupId = client.create().resource(group).execute().getId().getIdPart();
        JsonNode manifest =
                awaitManifest(kickOff("/Group/" + groupId + "/$research-export?_k=1&_type=ResearchTransition"), true);
        String pseudonym = new Pseudonymizer(DeidKey.of(TEST_KEY)).resourceId("Patient", member);
        String body = send("GET", manifest.path("output").get(0).path("url").asText(), false)
                .body();
        assertThat(body).isNotEmpty();
        for (String line : body.split("\n")) {
            assertThat(JSON.readTree(line).path("subjectPseudonym").asText()).isEqualTo(pseudonym);
        }
    }

    @Test
    void registryPushTwiceHoldsEachBundleOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            JsonNode manifest = awaitManifest(kickOff("/$research-export?_k=1&_type=Bundle&_push=true"), true);
            JsonNode summary = manifest.path("extension").path("http://transitionnet.org/fhir/research-export-summary");
            assertThat(summary.path("pushError").isMissingNode()
                            || summary.path("pushError").isNull())
                    .as(summary.toString())
                    .isTrue();
            assertThat(summary.path("bundlesPushed").asInt())
                    .isEqualTo(summary.path("bundlesReleased").asInt())
                    .isPositive();
            ids.clear();
            for (String line : send(
                            "GET", manifest.path("output").get(0).path("url").asText(), false)
                    .body()
                    .split("\n")) {
                ids.add(fhirContext
                        .newJsonParser()
                        .parseResource(Bundle.class, line)
                        .getIdElement()
                        .getIdPart());
            }
        }
        for (String id : ids) {
            Integer stored = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM hfj_resource WHERE res_type = 'Bundle' AND fhir_id = ? "
                            + "AND res_deleted_at IS NULL",
                    Integer.class,
                    id);
            assertThat(stored).as("registry copies of Bundle/" + id).isEqualTo(1);
        }
    }

    @Test
    void finishedExportsArePurgedAfterTheirRetention() throws Exception {
        String status = kickOff("/$research-export?_k=1&_type=ResearchTransition");
        String jobId = status.substring(status.indexOf("_jobId=") + "_jobId=".length());
        String file =
                awaitManifest(status, true).path("output").get(0).path("url").asText();

        purger.purgeEndedBefore(Instant.now().minus(Duration.ofHours(1)));
        Thread.sleep(2_100);
        assertThat(send("GET", status, false).statusCode())
                .as("not yet expired")
                .isEqualTo(200);

        jdbc.update("INSERT INTO tn_export_part (export_id, file_index, output_type, part, line_count, content) "
                + "VALUES ('no-such-export', 0, 'ResearchTransition', 0, 1, '{}')");
        purger.purgeEndedBefore(Instant.now().plusSeconds(1));

        HttpResponse<String> gone = send("GET", status, false);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).contains("OperationOutcome").contains("expired");
        assertThat(send("GET", file, false).statusCode()).isEqualTo(404);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM tn_export_part WHERE export_id IN (?, 'no-such-export')",
                        Integer.class,
                        jobId))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM bt2_job_instance WHERE id = ?", Integer.class, jobId))
                .isZero();
    }

    @Test
    void researcherClientKicksOffPollsAndDownloadsWithItsToken(@TempDir Path out) throws Exception {
        Assumptions.assumeTrue(onPath("curl") && onPath("python3"), "the client needs curl and python3");
        Path client =
                Path.of("..", "tools", "research-export.sh").toAbsolutePath().normalize();
        ProcessBuilder run = new ProcessBuilder(
                        "bash", client.toString(), baseUrl(), out.toString(), "_type=ResearchTransition,Bundle&_k=1")
                .redirectErrorStream(true);
        run.environment().put("TRANSITIONNET_TOKEN", TestSecurity.get().token("system/*.rs", null));
        Process process = run.start();
        String console = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(console).isZero();

        assertThat(console).contains("export started: ").contains("manifest: ");
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.path("output")).hasSize(2);
        JsonNode disclosure =
                JSON.readTree(out.resolve("disclosure-report.json").toFile());
        assertThat(disclosure.path("k").asInt()).isEqualTo(1);
        assertThat(disclosure.path("pseudonyms").asText()).isEqualTo("consistent");
        for (JsonNode output : manifest.path("output")) {
            try (var files = Files.list(out)) {
                Path file = files.filter(f -> f.getFileName()
                                .toString()
                                .endsWith("-" + output.path("type").asText() + ".ndjson"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no downloaded file for " + output));
                assertThat(Files.readAllLines(file).stream()
                                .filter(l -> !l.isBlank())
                                .count())
                        .as(file.toString())
                        .isEqualTo(output.path("count").asLong())
                        .isPositive();
            }
        }
    }

    private static boolean onPath(String command) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private String kickOff(String path) {
        HttpResponse<String> r = send("GET", path, true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return r.headers().firstValue("Content-Location").orElseThrow();
    }

    private JsonNode awaitManifest(String status, boolean expectSuccess) throws Exception {
        return exports().awaitManifest(status);
    }

    private HttpResponse<String> send(String method, String path, boolean preferAsync) {
        // Research exports are for systems (SMART Backend Services): a system read token.
        return exports().send(method, path, preferAsync);
    }

    private HttpResponse<String> send(String method, String path, boolean preferAsync, String token) {
        return exports().send(method, path, preferAsync, token);
    }

    private ResearchExportClient exports() {
        return new ResearchExportClient(baseUrl());
    }
}
