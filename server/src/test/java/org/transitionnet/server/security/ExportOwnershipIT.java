package org.transitionnet.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.support.RawHttp;
import org.transitionnet.server.support.ResearchExportClient;
import org.transitionnet.server.support.ServerTestBase;
import org.transitionnet.server.support.TestSecurity;

/**
 * Export files belong to the Backend Services client that started the export: another client, even one
 * holding the read scopes, can neither poll, cancel nor download them; an administrator
 * ({@code system/*.cruds}) can.
 */
class ExportOwnershipIT extends ServerTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A system-level token of the given client, as the authorization server issues it to a Backend Services client. */
    private static String token(String clientId, String scopes) {
        TestSecurity security = TestSecurity.get();
        return security.token(security.claims(scopes, null)
                .subject(clientId)
                .claim("client_id", clientId)
                .build());
    }

    private RawHttp as(String clientId, String scopes) {
        return new RawHttp(baseUrl()).withToken(token(clientId, scopes));
    }

    @Test
    void researchExportFilesAreTheStartingClients() throws Exception {
        String patient = client.create()
                .resource(new Patient().setActive(true))
                .execute()
                .getId()
                .getIdPart();
        Group group = new Group().setType(Group.GroupType.PERSON).setActual(true);
        group.addMember().setEntity(new Reference("Patient/" + patient));
        String groupId = client.create().resource(group).execute().getId().getIdPart();

        ResearchExportClient exports = new ResearchExportClient(baseUrl());
        String owner = token("research-client-a", "system/Observation.rs");
        HttpResponse<String> kickOff = exports.send(
                "GET", "/Group/" + groupId + "/$research-export?_k=1&_type=ResearchTransition", true, owner);
        assertThat(kickOff.statusCode()).as(kickOff.body()).isEqualTo(202);
        String status = kickOff.headers().firstValue("Content-Location").orElseThrow();
        String statusPath = status.substring(status.indexOf("/$"));

        RawHttp other = as("research-client-b", "system/Observation.rs");
        assertThat(other.get(statusPath).statusCode()).isEqualTo(403);
        assertThat(other.delete(statusPath).statusCode()).isEqualTo(403);

        JsonNode manifest = awaitResearchManifest(exports, status, owner);
        String file = manifest.path("output").get(0).path("url").asText();
        String filePath = file.substring(file.indexOf("/$"));
        HttpResponse<String> stolen = other.get(filePath);
        assertThat(stolen.statusCode()).isEqualTo(403);
        assertThat(stolen.body()).contains("OperationOutcome");
        assertThat(new RawHttp(baseUrl()).withToken(owner).get(filePath).statusCode())
                .isEqualTo(200);
        assertThat(http.get(filePath).statusCode()).as("administrator").isEqualTo(200);
        assertThat(new RawHttp(baseUrl()).withToken(owner).delete(statusPath).statusCode())
                .isEqualTo(202);
    }

    @Test
    void bulkExportBinariesAreTheStartingClients() throws Exception {
        Instant since = Instant.now().minusSeconds(1);
        client.create().resource(new Patient().setActive(true)).execute();
        RawHttp owner = as("bulk-client-a", "system/*.rs");
        HttpResponse<String> kickOff = owner.getWithHeaders(
                "/$export?_type=Patient&_since=" + since, "application/fhir+json", "Prefer", "respond-async");
        assertThat(kickOff.statusCode()).as(kickOff.body()).isEqualTo(202);
        String status = kickOff.headers().firstValue("Content-Location").orElseThrow();
        String statusPath = status.substring(status.indexOf("/$"));

        RawHttp other = as("bulk-client-b", "system/Binary.rs system/Patient.rs");
        assertThat(other.get(statusPath).statusCode()).isEqualTo(403);
        assertThat(other.delete(statusPath).statusCode()).isEqualTo(403);

        JsonNode manifest = awaitBulkManifest(owner, statusPath);
        String binary = manifest.path("output").get(0).path("url").asText();
        String binaryPath = binary.substring(binary.indexOf("/Binary/"));
        HttpResponse<String> stolen = other.get(binaryPath);
        assertThat(stolen.statusCode()).as(stolen.body()).isEqualTo(403);
        assertThat(stolen.body()).contains("OperationOutcome");
        assertThat(owner.get(binaryPath).statusCode()).isEqualTo(200);
        assertThat(http.get(binaryPath).statusCode()).as("administrator").isEqualTo(200);
    }

    @Test
    void exportStatusDoesNotReachOtherJobs() {
        String patient = client.create()
                .resource(new Patient().setActive(true))
                .execute()
                .getId()
                .getIdPart();
        HttpResponse<String> rederive = http.post("/$rederive", """
				{"resourceType":"Parameters","parameter":[{"name":"patient","valueReference":{"reference":"Patient/%s"}}]}""".formatted(patient));
        assertThat(rederive.statusCode()).isEqualTo(202);
        String location = rederive.headers().firstValue("Content-Location").orElseThrow();
        String jobId = location.substring(location.indexOf("jobId=") + "jobId=".length());
        RawHttp exporter = as("bulk-client-c", "system/*.rs");
        assertThat(exporter.delete("/$export-poll-status?_jobId=" + jobId).statusCode())
                .isEqualTo(404);
    }

    private static JsonNode awaitResearchManifest(ResearchExportClient exports, String status, String token)
            throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            Thread.sleep(400);
            HttpResponse<String> r = exports.send("GET", status, false, token);
            if (r.statusCode() == 200) {
                return JSON.readTree(r.body());
            }
            assertThat(r.statusCode()).as(r.body()).isIn(202, 429);
        }
        throw new AssertionError("research export did not complete");
    }

    private static JsonNode awaitBulkManifest(RawHttp owner, String statusPath) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            Thread.sleep(400);
            HttpResponse<String> r = owner.get(statusPath, "application/json");
            if (r.statusCode() == 200) {
                return JSON.readTree(r.body());
            }
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        }
        throw new AssertionError("bulk export did not complete");
    }
}
