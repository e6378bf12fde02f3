package org.transitionnet.server.support;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged server jar (from {@code target/}) run as its own process in a working directory, as
 * an operator runs it: used by the tests of behaviour that depends on configuration the shared test
 * context cannot have (no configuration at all, the built-in placeholder key).
 */
public final class PackagedServer implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final Process process;
	private final Path log;
	private final int port;

	private PackagedServer(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	/** Starts the jar with the given arguments (plus a free port) and waits until it answers {@code /fhir/metadata}. */
	public static PackagedServer start(Path workDir, String... arguments) throws Exception {
		int port = freePort();
		Path log = workDir.resolve("server.log");
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx1g", "-jar", serverJar().toString(), "--server.port=" + port));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
				.redirectOutput(log.toFile()).start();
		PackagedServer server = new PackagedServer(process, log, port);
		try {
			server.awaitMetadata(Duration.ofMinutes(4));
		} catch (Exception | AssertionError e) {
			// The caller gets no handle to close, so the process must not outlive the failure.
			server.close();
			throw e;
		}
		return server;
	}

	public String baseUrl() {
		return "http://localhost:" + port + "/fhir";
	}

	public String log() throws IOException {
		return Files.readString(log);
	}

	public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
				.header("Accept", "application/fhir+json");
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private void awaitMetadata(Duration timeout) throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new AssertionError("Server exited with " + process.exitValue() + ":\n" + log());
			}
			try {
				get("/metadata");
				return;
			} catch (IOException notYetListening) {
				Thread.sleep(1000);
			}
		}
		throw new AssertionError("Server did not answer within " + timeout + ":\n" + log());
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		process.waitFor();
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
