package org.transitionnet.server.support;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * The packaged server jar (from {@code target/}) run as its own process in a working directory, as
 * an operator runs it: used by the tests of behaviour that depends on configuration the shared test
 * context cannot have (no configuration at all, the built-in placeholder key).
 */
public final class PackagedServer implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * The JVM options of every node: the C1 compiler only and the serial collector. A test node lives for
     * minutes and runs little hot code, so the optimizing compiler's work at start-up (about a third of the
     * CPU a start costs on two cores) never pays off, and fewer GC threads leave the cores to the other lane.
     */
    static final List<String> JVM_OPTIONS = List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

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
        return start(workDir, freePort(), java.util.Map.of(), arguments);
    }

    /** Starts the jar on the given port with extra environment variables, as a container runtime would. */
    public static PackagedServer start(
            Path workDir, int port, java.util.Map<String, String> environment, String... arguments) throws Exception {
        return start(workDir, port, environment, Duration.ofMinutes(8), arguments);
    }

    /** As above, waiting up to {@code timeout} for {@code /fhir/metadata} (nodes that start one after the other). */
    public static PackagedServer start(
            Path workDir, int port, java.util.Map<String, String> environment, Duration timeout, String... arguments)
            throws Exception {
        Path log = workDir.resolve("server.log");
        List<String> command = javaCommand(port, arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        // A node a failed test never closed must not outlive the test JVM (and hold ports, memory and connections).
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        PackagedServer server = new PackagedServer(process, log, port);
        try {
            server.awaitMetadata(timeout);
        } catch (Exception | AssertionError e) {
            // The caller gets no handle to close, so the process must not outlive the failure.
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * Runs the jar with the given arguments (plus a free port) expecting it to refuse to start: waits until the
     * process exits and returns its exit code and output.
     */
    public static Exit runUntilExit(Path workDir, Duration timeout, String... arguments) throws Exception {
        Path log = workDir.resolve("server.log");
        Process process = new ProcessBuilder(javaCommand(freePort(), arguments))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroy();
            process.waitFor();
            throw new AssertionError("Server still running after " + timeout + ":\n" + Files.readString(log));
        }
        return new Exit(process.exitValue(), Files.readString(log));
    }

    /** How a server process that was expected to stop ended. */
    public record Exit(int code, String log) {}

    public String baseUrl() {
        return "http://localhost:" + port + "/fhir";
    }

    /** The server's root, where discovery and the embedded authorization server live. */
    public String rootUrl() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** A GET of an absolute URL (or a path under the root), as curl sends it. */
    public HttpResponse<String> getAbsolute(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.startsWith("/") ? rootUrl() + url : url))
                .timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A form POST under the root with HTTP basic authentication, as {@code curl -u user:secret -d ...} sends it. */
    public HttpResponse<String> postForm(String path, String user, String secret, String form)
            throws IOException, InterruptedException {
        String basic = java.util.Base64.getEncoder()
                .encodeToString((user + ":" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(rootUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
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

    /** Ends the process as a crash or {@code kill -9} would: no shutdown hooks, nothing flushed or released. */
    public void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** A request with a FHIR JSON body (POST, PUT) under the FHIR base, with the given headers. */
    public HttpResponse<String> send(String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(path.startsWith("http") ? path : baseUrl() + path))
                .timeout(Duration.ofMinutes(5))
                .header("Accept", "application/fhir+json")
                .header("Content-Type", "application/fhir+json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    private static Path serverJar() {
        File[] jars = new File("target")
                .listFiles((dir, name) -> name.startsWith("transitionnet-server-")
                        && name.endsWith(".jar")
                        && !name.endsWith("-sources.jar"));
        assertThat(jars)
                .as("packaged server jar in target/ (run through 'mvn verify')")
                .isNotEmpty();
        return Arrays.stream(jars).findFirst().orElseThrow().toPath().toAbsolutePath();
    }

    private static List<String> javaCommand(int port, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-jar", serverJar().toString(), "--server.port=" + port));
        command.addAll(List.of(arguments));
        return command;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
