package org.transitionnet.server.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transitionnet.server.support.ComposeFile;
import org.transitionnet.server.support.PackagedServer;
import org.transitionnet.server.support.TestDatabase;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker compose up} without a Docker engine: the packaged jar runs with exactly the environment
 * {@code docker-compose.yml} gives the server container (its {@code ${VAR:-default}} defaults resolved, the public
 * address set to where this process listens, the mounted signing key read where the compose file mounts it from);
 * only the database address is the test PostgreSQL's instead of the {@code db} container's. It issues tokens for its
 * public address and runs the research export.
 */
class ComposeEnvironmentIT {

	private static final ObjectMapper JSON = new ObjectMapper();

	@TempDir
	Path workDir;

	@Test
	void serverStartsWithComposesEnvironmentAndExportsWithItsKey() throws Exception {
		int port = PackagedServer.freePort();
		String publicUrl = "http://localhost:" + port;
		Map<String, String> environment = ComposeFile.read(Map.of("TRANSITIONNET_PUBLIC_URL", publicUrl)).environmentOnHost("server");
		assertThat(environment).containsKeys("TRANSITIONNET_DEID_KEY", "TRANSITIONNET_SECURITY_ISSUER", "SPRING_DATASOURCE_URL");
		TestDatabase db = TestDatabase.get().another();
		environment.put("SPRING_DATASOURCE_URL", db.url());
		environment.put("SPRING_DATASOURCE_USERNAME", db.username());
		environment.put("SPRING_DATASOURCE_PASSWORD", db.password());

		try (PackagedServer server = PackagedServer.start(workDir, port, environment)) {
			JsonNode discovery = JSON.readTree(server.getAbsolute("/.well-known/smart-configuration").body());
			assertThat(discovery.path("issuer").asText()).isEqualTo(publicUrl);
			assertThat(discovery.path("token_endpoint").asText()).isEqualTo(publicUrl + "/oauth2/token");

			HttpResponse<String> token = server.postForm("/oauth2/token", "dev-cli", "dev-secret",
					"grant_type=client_credentials&scope=" + URLEncoder.encode("system/*.cruds", StandardCharsets.UTF_8));
			assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
			String accessToken = JSON.readTree(token.body()).path("access_token").asText();

			HttpResponse<String> export = server.get("/$research-export", "Authorization", "Bearer " + accessToken,
					"Prefer", "respond-async");
			assertThat(export.statusCode()).as(export.body()).isEqualTo(202);
			assertThat(server.log()).doesNotContain("Embedded PostgreSQL started");
		}
	}
}
