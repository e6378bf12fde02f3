package org.transitionnet.loader;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Command-line options of the loader. */
public record LoaderOptions(
        URI baseUrl,
        Path inputDir,
        int threads,
        Set<String> excludedTypes,
        String bearerToken,
        boolean idempotent,
        Duration requestTimeout,
        boolean progress,
        Ndjson ndjson,
        int maxEntries,
        long maxBytes) {

    /** The server's default {@code transitionnet.limits.max-bundle-entries}. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    /** Below the server's default {@code transitionnet.limits.max-request-size} of 32 MB, with room for the envelope. */
    public static final long DEFAULT_MAX_BYTES = 30L * 1024 * 1024;

    /**
     * Bulk Data import instead of transactions ({@code --ndjson DIR}); null for the transaction path.
     *
     * @param workDir   where the NDJSON files are written; null: a temporary folder removed afterwards
     * @param serveHost host the loader's file server binds to and names in the URLs (the server must reach it)
     * @param servePort its port (0: any free one)
     */
    public record Ndjson(Path workDir, String serveHost, int servePort) {}

    /** The quick start allows http://localhost:8091/ as an import source. */
    public static final int DEFAULT_SERVE_PORT = 8091;

    /** Claims and EOBs carry no clinical state or action, yet are about a fifth of Synthea's resources. */
    public static final Set<String> DEFAULT_EXCLUDED_TYPES = Set.of("Claim", "ExplanationOfBenefit");

    /** Environment variable read for the bearer token, so it need not appear in the process list. */
    public static final String TOKEN_ENV = "FHIR_BEARER_TOKEN";

    public static final String USAGE = """
      Usage: load.sh --base-url URL --input DIR [options]
             load.sh --base-url URL --ndjson DIR [options]
        -u, --base-url URL     FHIR server base, e.g. http://localhost:8080/fhir
        -i, --input DIR        folder with Synthea bundles (*.json, *.json.gz; a fhir/ subfolder is used if present)
        -t, --threads N        patient bundles sent in parallel (default: number of processors)
        -x, --exclude TYPES    comma-separated resource types left out (default: Claim,ExplanationOfBenefit;
                               "none" loads everything)
            --token TOKEN      bearer token (default: $FHIR_BEARER_TOKEN)
            --keep-post        send entries as generated (POST) instead of PUT Type/<uuid>; not idempotent
            --timeout SECONDS  per-request timeout (default: 1800)
            --max-entries N    entries per transaction; larger bundles are sent in parts in dependency order
                               (default: 10000, the server's default limit)
            --max-megabytes N  bytes per transaction, in MiB; larger bundles are sent in parts (default: 30)
            --no-progress      no progress bar on stderr
            --ndjson DIR       Bulk Data $import instead of transactions: converts the bundles of DIR to NDJSON
                               (one file per type and wave, references resolved to the ids the resources get),
                               serves them from this process and imports them wave by wave
            --ndjson-work DIR  where the NDJSON files go (default: a temporary folder, removed afterwards)
            --serve-host HOST  host the file server binds to and the server fetches from (default: localhost)
            --serve-port PORT  its port (default: 8091, allowed by the quick start; 0: any free port)
        -h, --help             this text
      Exit code: 0 when every bundle loaded, 1 when any failed, 2 on bad usage.""";

    public static LoaderOptions parse(String[] args, Map<String, String> env) {
        URI baseUrl = null;
        Path inputDir = null;
        int threads = Runtime.getRuntime().availableProcessors();
        Set<String> excluded = DEFAULT_EXCLUDED_TYPES;
        String token = env.get(TOKEN_ENV);
        boolean idempotent = true;
        Duration timeout = Duration.ofMinutes(30);
        boolean progress = true;
        boolean ndjson = false;
        Path ndjsonWork = null;
        String serveHost = "localhost";
        int servePort = DEFAULT_SERVE_PORT;
        int maxEntries = DEFAULT_MAX_ENTRIES;
        long maxBytes = DEFAULT_MAX_BYTES;

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-u", "--base-url" -> baseUrl = URI.create(stripTrailingSlash(value(args, ++i, arg)));
                case "-i", "--input" -> inputDir = Path.of(value(args, ++i, arg));
                case "-t", "--threads" -> threads = positiveInt(value(args, ++i, arg), arg);
                case "-x", "--exclude" -> excluded = parseTypes(value(args, ++i, arg));
                case "--token" -> token = value(args, ++i, arg);
                case "--keep-post" -> idempotent = false;
                case "--timeout" -> timeout = Duration.ofSeconds(positiveInt(value(args, ++i, arg), arg));
                case "--no-progress" -> progress = false;
                case "--max-entries" -> maxEntries = positiveInt(value(args, ++i, arg), arg);
                case "--max-megabytes" -> maxBytes = positiveInt(value(args, ++i, arg), arg) * 1024L * 1024L;
                case "--ndjson" -> {
                    ndjson = true;
                    inputDir = Path.of(value(args, ++i, arg));
                }
                case "--ndjson-work" -> ndjsonWork = Path.of(value(args, ++i, arg));
                case "--serve-host" -> serveHost = value(args, ++i, arg);
                case "--serve-port" -> servePort = port(value(args, ++i, arg), arg);
                case "-h", "--help" -> throw new UsageException(null);
                default -> throw new UsageException("Unknown option: " + arg);
            }
        }
        if (baseUrl == null) {
            throw new UsageException("--base-url is required");
        }
        if (inputDir == null) {
            throw new UsageException("--input (or --ndjson) is required");
        }
        if (!Files.isDirectory(inputDir)) {
            throw new UsageException("Not a directory: " + inputDir);
        }
        if (token != null && token.isBlank()) {
            token = null;
        }
        return new LoaderOptions(
                baseUrl,
                inputDir,
                threads,
                excluded,
                token,
                idempotent,
                timeout,
                progress,
                ndjson ? new Ndjson(ndjsonWork, serveHost, servePort) : null,
                maxEntries,
                maxBytes);
    }

    public static Set<String> parseTypes(String list) {
        if (list.isBlank() || list.equalsIgnoreCase("none")) {
            return Set.of();
        }
        Set<String> types = new LinkedHashSet<>();
        Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .forEach(types::add);
        return Set.copyOf(types);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static int positiveInt(String text, String option) {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(option + " needs a positive integer, got: " + text);
    }

    private static int port(String text, String option) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 0 && n <= 65535) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(option + " needs a port number, got: " + text);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Bad command line; a null message means help was asked for. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
