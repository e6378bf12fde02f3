package org.transitionnet.server.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small HTTP server inside the test JVM that serves NDJSON files for {@code $import}, as a client's file
 * host would. Started once per JVM on a free port of the loopback address; its base URL is the test
 * server's only allowed import source (ServerTestBase).
 */
public final class NdjsonSource {

    private static NdjsonSource instance;

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    private NdjsonSource() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/ndjson/", exchange -> {
            byte[] body = files.get(exchange.getRequestURI().getPath().substring("/ndjson/".length()));
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.getResponseHeaders().set("Content-Type", "application/fhir+ndjson");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    public static synchronized NdjsonSource get() {
        if (instance == null) {
            instance = new NdjsonSource();
        }
        return instance;
    }

    /** The allowed import source: every file published here lies under it. */
    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort() + "/ndjson/";
    }

    /** Serves the text under a name; returns its URL. */
    public String publish(String name, String ndjson) {
        files.put(name, ndjson.getBytes(StandardCharsets.UTF_8));
        return baseUrl() + name;
    }
}
