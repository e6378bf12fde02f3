package org.transitionnet.server.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.support.AuditEventSearch;
import org.transitionnet.server.support.RawHttp;
import org.transitionnet.server.support.ResearchExportClient;
import org.transitionnet.server.support.ServerTestBase;
import org.transitionnet.server.support.TestSecurity;

/** Every audited action and every denial leaves an AuditEvent (IHE BALP shape) behind. */
class AuditEventIT extends ServerTestBase {

    private String patient;
    private String other;
    private Instant start;

    @BeforeEach
    void patients() {
        start = Instant.now().minusSeconds(1);
        patient = client.create()
                .resource(new Patient().setActive(true))
                .execute()
                .getId()
                .getIdPart();
        other = client.create()
                .resource(new Patient().setActive(true))
                .execute()
                .getId()
                .getIdPart();
    }

    private RawHttp patientApp() {
        return new RawHttp(baseUrl())
                .withToken(TestSecurity.get().token("patient/Observation.rs patient/Patient.rs", patient));
    }

    private List<AuditEvent> eventsFor(String urlFragment) {
        return new AuditEventSearch(client, start).eventsFor(urlFragment);
    }

    private List<AuditEvent> eventsFor(String urlFragment, java.util.function.Predicate<AuditEvent> condition) {
        return new AuditEventSearch(client, start).eventsFor(urlFragment, condition);
    }

    @Test
    void trajectoryAndTransitionsReadsAreAudited() {
        assertThat(patientApp().get("/Patient/" + patient + "/$trajectory").statusCode())
                .isEqualTo(200);
        assertThat(patientApp().get("/Patient/" + patient + "/$transitions").statusCode())
                .isEqualTo(200);

        for (String operation : List.of("$trajectory", "$transitions")) {
            List<AuditEvent> events = eventsFor("Patient/" + patient + "/" + operation);
            assertThat(events).as(operation).hasSize(1);
            AuditEvent event = events.get(0);
            assertThat(event.getType().getCode()).isEqualTo("rest");
            assertThat(event.getSubtypeFirstRep().getDisplay()).isEqualTo(operation);
            assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
            assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
            assertThat(event.getEntity())
                    .anySatisfy(e -> assertThat(e.getWhat().getReference()).isEqualTo("Patient/" + patient));
            assertThat(event.getAgent())
                    .anySatisfy(a -> assertThat(a.getWho().getDisplay()).isEqualTo("test-client"));
            assertThat(event.getSource().getObserver().getDisplay()).isEqualTo(AuditEventFactory.SOURCE_NAME);
        }
    }

    @Test
    void bulkExportKickOffAndDownloadAreAudited() {
        RawHttp system = new RawHttp(baseUrl()).withToken(TestSecurity.get().token("system/*.rs", null));
        String kickOff = "/$export?_type=Patient&_since=" + start;
        assertThat(system.getWithHeaders(kickOff, "application/fhir+json", "Prefer", "respond-async")
                        .statusCode())
                .isEqualTo(202);
        // Other tests' tokenless kick-offs of the same URL may be audited (in aggregate) meanwhile, as denials.
        List<AuditEvent> kickOffs =
                eventsFor("$export?_type=Patient", e -> e.getOutcome() == AuditEvent.AuditEventOutcome._0);
        assertThat(kickOffs).isNotEmpty();
        assertThat(kickOffs).allSatisfy(e -> assertThat(e.getAction()).isEqualTo(AuditEvent.AuditEventAction.E));

        // Bulk-export files are served as Binary resources.
        Binary file = new Binary().setContentType("application/fhir+ndjson");
        file.setData("{}".getBytes(StandardCharsets.UTF_8));
        String binaryId = client.create().resource(file).execute().getId().getIdPart();
        assertThat(system.get("/Binary/" + binaryId).statusCode()).isEqualTo(200);
        assertThat(eventsFor("Binary/" + binaryId)).hasSize(1);
    }

    @Test
    void researchExportKickOffDownloadAndCancelAreAudited() throws Exception {
        RawHttp system = new RawHttp(baseUrl()).withToken(TestSecurity.get().token("system/*.rs", null));
        String kickOff = "/$research-export?_type=ResearchTransition&_k=1&_since=" + start;
        HttpResponse<String> accepted =
                system.getWithHeaders(kickOff, "application/fhir+json", "Prefer", "respond-async");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        List<AuditEvent> kickOffs = eventsFor("$research-export?_type=ResearchTransition&_k=1&_since=");
        assertThat(kickOffs).hasSize(1);
        assertThat(kickOffs.get(0).getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
        assertThat(kickOffs.get(0).getSubtypeFirstRep().getDisplay()).isEqualTo("$research-export");
        assertThat(kickOffs.get(0).getAgent())
                .anySatisfy(a -> assertThat(a.getWho().getDisplay()).isEqualTo("test-client"));

        String status = accepted.headers().firstValue("Content-Location").orElseThrow();
        String jobId = status.substring(status.indexOf("_jobId=") + "_jobId=".length());
        String fileUrl = awaitFirstOutputUrl(status);
        assertThat(system.get(fileUrl.substring(fileUrl.indexOf("/$"))).statusCode())
                .isEqualTo(200);
        List<AuditEvent> downloads = eventsFor("$research-export-file?_jobId=" + jobId);
        assertThat(downloads).isNotEmpty();
        assertThat(downloads.get(0).getAction()).isEqualTo(AuditEvent.AuditEventAction.R);

        assertThat(system.delete(status.substring(status.indexOf("/$"))).statusCode())
                .isEqualTo(202);
        List<AuditEvent> cancels = eventsFor("_jobId=" + jobId, e -> e.getAction() == AuditEvent.AuditEventAction.D);
        assertThat(cancels).hasSize(1);
        assertThat(cancels.get(0).getSubtypeFirstRep().getDisplay()).isEqualTo("$research-export-status");
    }

    private String awaitFirstOutputUrl(String statusUrl) throws Exception {
        return new ResearchExportClient(baseUrl())
                .awaitManifest(statusUrl)
                .path("output")
                .get(0)
                .path("url")
                .asText();
    }

    /** Closes the current window of the aggregated audit of requests without a valid token. */
    private void closeUnauthenticatedWindow() throws java.io.IOException {
        context.getBean("unauthenticatedRequestAudit", java.io.Flushable.class).flush();
    }

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.context.ApplicationContext context;

    @Test
    void deniedRequestsAreAudited() throws Exception {
        closeUnauthenticatedWindow();
        assertThat(new RawHttp(baseUrl()).get("/Patient/" + patient).statusCode())
                .isEqualTo(401);
        closeUnauthenticatedWindow();
        assertThat(patientApp().get("/Patient/" + other + "/$trajectory").statusCode())
                .isEqualTo(403);

        List<AuditEvent> anonymous = eventsFor("/fhir/Patient/" + patient);
        assertThat(anonymous).anySatisfy(event -> {
            assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
            assertThat(event.getOutcomeDesc()).contains("401");
        });
        List<AuditEvent> forbidden = eventsFor("Patient/" + other + "/$trajectory");
        assertThat(forbidden).hasSize(1);
        assertThat(forbidden.get(0).getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
        assertThat(forbidden.get(0).getOutcomeDesc()).contains("403");
        assertThat(forbidden.get(0).getAgent())
                .anySatisfy(a -> assertThat(a.getWho().getDisplay()).isEqualTo("test-client"));
    }

    @Test
    void requestsWithoutAValidTokenAreAuditedInAggregate() throws Exception {
        closeUnauthenticatedWindow();
        String probe = "/Patient?_id=flood-" + java.util.UUID.randomUUID();
        RawHttp anonymous = new RawHttp(baseUrl());
        for (int i = 0; i < 30; i++) {
            assertThat(anonymous.get(probe).statusCode()).isEqualTo(401);
        }
        closeUnauthenticatedWindow();

        // One AuditEvent per window and source (a scheduled window close during the burst may split it in two).
        List<AuditEvent> events = eventsFor(probe);
        assertThat(events).hasSizeBetween(1, 2).allSatisfy(event -> {
            assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
            assertThat(event.getOutcomeDesc()).contains("401").contains("without a valid token from");
        });
        int counted = events.stream()
                .mapToInt(event -> {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                                    "(\\d+) requests? without a valid token")
                            .matcher(event.getOutcomeDesc());
                    return m.find() ? Integer.parseInt(m.group(1)) : 0;
                })
                .sum();
        assertThat(counted).isEqualTo(30);
    }
}
