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
    boolean progress) {

  /** Claims and EOBs carry no clinical state or action, yet are about a fifth of Synthea's resources. */
  public static final Set<String> DEFAULT_EXCLUDED_TYPES = Set.of("Claim", "ExplanationOfBenefit");

  /** Environment variable read for the bearer token, so it need not appear in the process list. */
  public static final String TOKEN_ENV = "FHIR_BEARER_TOKEN";

  public static final String USAGE = """
      Usage: load.sh --base-url URL --input DIR [options]
        -u, --base-url URL     FHIR server base, e.g. http://localhost:8080/fhir
        -i, --input DIR        folder with Synthea bundles (*.json, *.json.gz; a fhir/ subfolder is used if present)
        -t, --threads N        patient bundles sent in parallel (default: number of processors)
        -x, --exclude TYPES    comma-separated resource types left out (default: Claim,ExplanationOfBenefit;
                               "none" loads everything)
            --token TOKEN      bearer token (default: $FHIR_BEARER_TOKEN)
            --keep-post        send entries as generated (POST) instead of PUT Type/<uuid>; not idempotent
            --timeout SECONDS  per-request timeout (default: 1800)
            --no-progress      no progress bar on stderr
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
        case "-h", "--help" -> throw new UsageException(null);
        default -> throw new UsageException("Unknown option: " + arg);
      }
    }
    if (baseUrl == null) {
      throw new UsageException("--base-url is required");
    }
    if (inputDir == null) {
      throw new UsageException("--input is required");
    }
    if (!Files.isDirectory(inputDir)) {
      throw new UsageException("Not a directory: " + inputDir);
    }
    if (token != null && token.isBlank()) {
      token = null;
    }
    return new LoaderOptions(baseUrl, inputDir, threads, excluded, token, idempotent, timeout, progress);
  }

  public static Set<String> parseTypes(String list) {
    if (list.isBlank() || list.equalsIgnoreCase("none")) {
      return Set.of();
    }
    Set<String> types = new LinkedHashSet<>();
    Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(types::add);
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
