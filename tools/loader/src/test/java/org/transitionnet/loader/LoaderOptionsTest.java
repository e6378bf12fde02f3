package org.transitionnet.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoaderOptionsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsExcludeClaimsAndTakeTheTokenFromTheEnvironment() {
        LoaderOptions options = LoaderOptions.parse(
                new String[] {"--base-url", "http://localhost:8080/fhir/", "--input", dir.toString()},
                Map.of(LoaderOptions.TOKEN_ENV, "secret"));

        assertEquals("http://localhost:8080/fhir", options.baseUrl().toString());
        assertEquals(Set.of("Claim", "ExplanationOfBenefit"), options.excludedTypes());
        assertEquals("secret", options.bearerToken());
        assertEquals(true, options.idempotent());
    }

    @Test
    void ndjsonNamesTheInputAndTheFileServer() {
        LoaderOptions transactions =
                LoaderOptions.parse(new String[] {"-u", "http://h/fhir", "-i", dir.toString()}, Map.of());
        assertNull(transactions.ndjson(), "the transaction path unless --ndjson");

        LoaderOptions options =
                LoaderOptions.parse(new String[] {"-u", "http://h/fhir", "--ndjson", dir.toString()}, Map.of());
        assertEquals(dir, options.inputDir());
        assertEquals(new LoaderOptions.Ndjson(null, "localhost", LoaderOptions.DEFAULT_SERVE_PORT), options.ndjson());

        LoaderOptions custom = LoaderOptions.parse(
                new String[] {
                    "-u",
                    "http://h/fhir",
                    "--ndjson",
                    dir.toString(),
                    "--ndjson-work",
                    dir.resolve("out").toString(),
                    "--serve-host",
                    "10.0.0.5",
                    "--serve-port",
                    "0"
                },
                Map.of());
        assertEquals(new LoaderOptions.Ndjson(dir.resolve("out"), "10.0.0.5", 0), custom.ndjson());
        assertThrows(
                LoaderOptions.UsageException.class,
                () -> LoaderOptions.parse(
                        new String[] {"-u", "http://h/fhir", "--ndjson", dir.toString(), "--serve-port", "70000"},
                        Map.of()));
    }

    @Test
    void exclusionsAreOverridable() {
        String[] base = {"-u", "http://h/fhir", "-i", dir.toString(), "-t", "3", "--keep-post", "-x"};

        assertEquals(Set.of(), parse(base, "none").excludedTypes());
        assertEquals(Set.of("Claim", "Media"), parse(base, " Claim, Media ,").excludedTypes());
        assertEquals(3, parse(base, "none").threads());
        assertFalse(parse(base, "none").idempotent());
        assertNull(parse(base, "none").bearerToken());
    }

    @Test
    void rejectsBadUsage() {
        assertThrows(
                LoaderOptions.UsageException.class,
                () -> LoaderOptions.parse(new String[] {"--input", dir.toString()}, Map.of()));
        assertThrows(
                LoaderOptions.UsageException.class,
                () -> LoaderOptions.parse(new String[] {"-u", "http://h", "-i", dir.toString(), "-t", "0"}, Map.of()));
        assertThrows(
                LoaderOptions.UsageException.class,
                () -> LoaderOptions.parse(
                        new String[] {
                            "-u", "http://h", "-i", dir.resolve("missing").toString()
                        },
                        Map.of()));
        assertThrows(LoaderOptions.UsageException.class, () -> LoaderOptions.parse(new String[] {"--bogus"}, Map.of()));
    }

    private static LoaderOptions parse(String[] base, String exclude) {
        String[] args = java.util.Arrays.copyOf(base, base.length + 1);
        args[base.length] = exclude;
        return LoaderOptions.parse(args, Map.of());
    }
}
