package org.transitionnet.ig;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** The built package as the server sees it: read from the classpath, file name to content. */
public final class IgPackage {

    public static final String CLASSPATH_LOCATION = "transitionnet/ig/package.tgz";

    private static Map<String, String> files;

    private IgPackage() {}

    public static synchronized Map<String, String> files() {
        if (files == null) {
            files = read();
        }
        return files;
    }

    /** The package version, which every conformance resource of the package carries too. */
    public static String version() {
        return json("package/package.json").path("version").asText();
    }

    public static JsonNode json(String path) {
        try {
            return new ObjectMapper().readTree(files().get(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> read() {
        Map<String, String> result = new LinkedHashMap<>();
        try (InputStream in = IgPackage.class.getClassLoader().getResourceAsStream(CLASSPATH_LOCATION);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                tar.transferTo(content);
                result.put(entry.getName(), content.toString(UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }
}
