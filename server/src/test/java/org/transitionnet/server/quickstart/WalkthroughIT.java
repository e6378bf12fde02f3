package org.transitionnet.server.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.support.ServerTestBase;

/**
 * The walk-through of docs/ehr-integration.md, step by step: the sample EHR bundle in {@code examples/} (HbA1c 8.4 % before and
 * 7.1 % after metformin) is accepted as one transaction, {@code $transitions} then shows one improved HbA1c
 * transition of -1.3 % (115 days between the measurements), and {@code $trajectory} shows both measurements and the intervention.
 */
class WalkthroughIT extends ServerTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLE = Path.of("../examples/ehr-hba1c-metformin.json");
    private static final String PATIENT = "example-hba1c-metformin";

    @Test
    void sampleEhrBundleGivesTheTransitionTheReadmeShows() throws Exception {
        HttpResponse<String> posted = http.post("/", Files.readString(SAMPLE));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        Instant stored = Instant.now();

        JsonNode transitions = awaitTransition(Duration.ofMinutes(2));
        System.out.println("Walk-through: transition derived "
                + Duration.between(stored, Instant.now()).toMillis() + " ms after the POST");

        String text = transitions.toString();
        assertThat(transitions.path("total").asInt()).isEqualTo(1);
        assertThat(text)
                .contains("\"code\":\"hba1c\"")
                .contains("\"code\":\"metformin\"")
                .contains("\"code\":\"improved\"");
        assertThat(text).contains("\"value\":8.4").contains("\"value\":7.1").contains("\"value\":-1.3");
        assertThat(text).contains("Observation/example-hba1c-before").contains("Observation/example-hba1c-after");

        HttpResponse<String> trajectory = http.get("/Patient/" + PATIENT + "/$trajectory");
        assertThat(trajectory.statusCode()).isEqualTo(200);
        assertThat(trajectory.body())
                .contains("\"resourceType\":\"Parameters\"")
                .contains("hba1c")
                .contains("metformin")
                .contains("\"name\":\"transition\"");
    }

    private JsonNode awaitTransition(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JsonNode result = JSON.readTree(
                    http.get("/Patient/" + PATIENT + "/$transitions").body());
            if (result.path("total").asInt() > 0) {
                return result;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no transition within " + timeout);
    }
}
