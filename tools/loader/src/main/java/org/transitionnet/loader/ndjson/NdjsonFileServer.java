package org.transitionnet.loader.ndjson;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * Serves the NDJSON files over HTTP from inside the loader for the server's {@code $import}, which fetches its
 * inputs itself. Only the files published here are served (by name, nothing else of the file system), and only
 * while the loader runs. The server must list {@link #baseUrl()} in
 * {@code transitionnet.ingest.import-allowed-sources}.
 */
public final class NdjsonFileServer implements AutoCloseable {

    static final String PATH = "/ndjson/";

    private final HttpServer server;
    private final String host;
    private final Map<String, Path> files = new ConcurrentHashMap<>();

    public NdjsonFileServer(String host, int port) throws IOException {
        this.host = host;
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext(PATH, exchange -> {
            Path file = files.get(exchange.getRequestURI().getPath().substring(PATH.length()));
            try (exchange) {
                if (file == null || !"GET".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/fhir+ndjson");
                exchange.sendResponseHeaders(200, Files.size(file));
                try (OutputStream out = exchange.getResponseBody()) {
                    Files.copy(file, out);
                }
            }
        });
        server.start();
    }

    /** The base URL the files are served under (host as given, the bound port). */
    public String baseUrl() {
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shownHost + ":" + server.getAddress().getPort() + PATH;
    }

    /** Serves the file under its name; returns its URL. */
    public String publish(Path file) {
        String name = file.getFileName().toString();
        files.put(name, file);
        return baseUrl() + name;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
