package org.transitionnet.server.quickstart;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick start as a newcomer runs it: the packaged server jar with no configuration at all,
 * on its embedded H2 database, answers {@code /fhir/metadata}.
 */
class QuickStartJarIT {

	private Process server;

	@TempDir
	Path workDir;

	@AfterEach
	void stop() throws InterruptedException {
		if (server != null) {
			server.destroy();
			server.waitFor();
		}
	}

	@Test
	void packagedJarBootsOnTheEmbeddedDatabaseAndServesMetadata() throws Exception {
		int port = freePort();
		Path log = workDir.resolve("server.log");
		server = new ProcessBuilder(javaExecutable(), "-Xmx1g", "-jar", serverJar().toString(), "--server.port=" + port)
				.directory(workDir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();

		HttpResponse<String> metadata = awaitMetadata(port, Duration.ofMinutes(4), log);

		assertThat(metadata.statusCode()).isEqualTo(200);
		assertThat(metadata.body()).contains("\"resourceType\":\"CapabilityStatement\"").contains("\"fhirVersion\":\"4.0.1\"");
		assertThat(Files.readString(log)).contains("Database schema (H2) is current");
		assertThat(workDir.resolve("data/transitionnet.mv.db")).exists();
	}

	private HttpResponse<String> awaitMetadata(int port, Duration timeout, Path log) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/metadata"))
				.header("Accept", "application/fhir+json").timeout(Duration.ofSeconds(30)).build();
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!server.isAlive()) {
				throw new AssertionError("Server exited with " + server.exitValue() + ":\n" + Files.readString(log));
			}
			try {
				return client.send(request, HttpResponse.BodyHandlers.ofString());
			} catch (IOException notYetListening) {
				Thread.sleep(1000);
			}
		}
		throw new AssertionError("Server did not answer within " + timeout + ":\n" + Files.readString(log));
	}

	private static Path serverJar() {
		File[] jars = new File("target").listFiles((dir, name) ->
				name.startsWith("transitionnet-server-") && name.endsWith(".jar") && !name.endsWith("-sources.jar"));
		assertThat(jars).as("packaged server jar in target/ (run through 'mvn verify')").isNotEmpty();
		return Arrays.stream(jars).findFirst().orElseThrow().toPath().toAbsolutePath();
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
