package org.transitionnet.server.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transitionnet.server.support.PackagedServer;
import org.transitionnet.server.support.TestDatabase;
import org.yaml.snakeyaml.Yaml;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker compose up} without a Docker engine: the packaged jar runs with exactly the environment
 * {@code docker-compose.yml} gives the server container (its {@code ${VAR:-default}} defaults resolved, the public
 * address set to where this process listens); only the database address is the test PostgreSQL's instead of the
 * {@code db} container's. It issues tokens for its public address and runs the research export.
 */
class ComposeEnvironmentIT {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_]+)(?::-([^}]*))?}");

	@TempDir
	Path workDir;

	@Test
	void serverStartsWithComposesEnvironmentAndExportsWithItsKey() throws Exception {
		int port = PackagedServer.freePort();
		String publicUrl = "http://localhost:" + port;
		Map<String, String> environment = composeEnvironment(Map.of("TRANSITIONNET_PUBLIC_URL", publicUrl));
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

	/** The server service's environment from docker-compose.yml, with compose's variable substitution. */
	@SuppressWarnings("unchecked")
	private static Map<String, String> composeEnvironment(Map<String, String> shell) throws Exception {
		Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("../docker-compose.yml")));
		Map<String, Object> server = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("server");
		Map<String, String> environment = new LinkedHashMap<>();
		((Map<String, Object>) server.get("environment")).forEach((name, value) -> {
			Matcher variable = VARIABLE.matcher(String.valueOf(value));
			StringBuilder resolved = new StringBuilder();
			while (variable.find()) {
				String replacement = shell.getOrDefault(variable.group(1), variable.group(2) == null ? "" : variable.group(2));
				variable.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
			}
			variable.appendTail(resolved);
			environment.put(name, resolved.toString());
		});
		return environment;
	}
}
