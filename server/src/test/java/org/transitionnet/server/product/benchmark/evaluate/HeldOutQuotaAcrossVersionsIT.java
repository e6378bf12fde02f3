package org.transitionnet.server.product.benchmark.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.support.DatasetBuildClient;
import org.transitionnet.server.support.RawHttp;
import org.transitionnet.server.support.ServerTestBase;
import org.transitionnet.server.support.TestSecurity;

/**
 * The quota reset by a new version, tried as a model builder would: on the committed population, two dataset
 * versions built with the same held-out records (the second with a higher {@code _k}) are two versions, yet the
 * held-out limit counts scorings per held-out record, so the sixth held-out scoring across the two is 429.
 */
class HeldOutQuotaAcrossVersionsIT extends ServerTestBase {

    private static final String TASK = "antihypertensive-systolic-bp";

    @Test
    void versionsWithTheSameHeldOutRecordsShareOneHeldOutLimit() throws IOException {
        derivedPopulation();
        DatasetBuildClient builds = new DatasetBuildClient(baseUrl(), adminToken());
        JsonNode first = builds.build("task=" + TASK + "&_k=1&_minHeldOutSubjects=1");
        // k^m (the server's m) leaves this small population no held-out subject at k=2; a demonstration without it.
        JsonNode second = builds.build("task=" + TASK + "&_minHeldOutSubjects=1&_k=2&_m=0");
        String v1 = first.path("datasetId").asText();
        String v2 = second.path("datasetId").asText();
        assertThat(v1).startsWith("ds-");
        assertThat(v2).startsWith("ds-").isNotEqualTo(v1);

        String client = "quota-probe-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> ok = evaluate(client, i % 2 == 0 ? v1 : v2);
            assertThat(ok.statusCode())
                    .as("held-out scoring %d: %s", i + 1, ok.body())
                    .isEqualTo(200);
        }
        HttpResponse<String> sixth = evaluate(client, v2);
        assertThat(sixth.statusCode())
                .as("the sixth held-out scoring across two versions holding the same records: %s", sixth.body())
                .isEqualTo(429);
        assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
        assertThat(evaluate(client, v1).statusCode()).isEqualTo(429);

        // The two versions do hold the same held-out source records (server-only keys, released nowhere).
        Integer shared = jdbc.queryForObject(
                "SELECT COUNT(*) FROM tn_bench_label a JOIN tn_bench_label b ON a.source_key = b.source_key "
                        + "WHERE a.dataset_id = ? AND b.dataset_id = ? AND a.task_id = ? AND a.split = 'held_out'",
                Integer.class,
                v1,
                v2,
                TASK);
        assertThat(shared).isPositive();
    }

    /** A held-out submission without predictions (every record scored with the stand-in): valid, and it covers every record. */
    private HttpResponse<String> evaluate(String client, String datasetId) {
        String body = "{\"dataset\":\"" + datasetId + "\",\"task\":\"" + TASK
                + "\",\"split\":\"held_out\",\"model\":{\"name\":\"probe\"}," + "\"predictions\":[]}";
        return new RawHttp(baseUrl())
                .withToken(TestSecurity.get().clientToken(client, "benchmark/*.read benchmark/*.submit"))
                .postJson("/$evaluate", body);
    }
}
