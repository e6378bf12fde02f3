package org.transitionnet.loader.ndjson;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.transitionnet.loader.BundleFiles;
import org.transitionnet.loader.LoadSummary;
import org.transitionnet.loader.LoaderOptions;
import org.transitionnet.loader.Stopwatch;
import org.transitionnet.loader.TypeExclusion;

/**
 * {@code load.sh --ndjson DIR}: converts the export to NDJSON ({@link NdjsonConverter}), serves the files
 * ({@link NdjsonFileServer}) and imports them with the server's Bulk Data {@code $import}, one job per wave
 * ({@link BulkImportClient}), showing the server's progress; prints a summary in the transaction path's shape
 * (resources, seconds and resources/s of the import itself, conversion time apart).
 */
public final class NdjsonImport {

    private final LoaderOptions options;
    private final PrintStream out;
    private final PrintStream err;
    private final ObjectMapper mapper = new ObjectMapper();

    public NdjsonImport(LoaderOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    public int run(BundleFiles.InputSet input) throws InterruptedException {
        LoaderOptions.Ndjson settings = options.ndjson();
        Path workDir = null;
        boolean temporary = settings.workDir() == null;
        try {
            workDir = temporary ? Files.createTempDirectory("transitionnet-ndjson-") : settings.workDir();
            Stopwatch converting = new Stopwatch();
            NdjsonConverter.Result converted =
                    new NdjsonConverter(mapper, new TypeExclusion(options.excludedTypes()), workDir).convert(input);
            Duration convertTime = converting.elapsed();
            err.printf(
                    Locale.ROOT,
                    "Converted %d information and %d patient bundles to %d resources in %d waves (%.1f s), in %s%n",
                    input.informationBundles().size(),
                    input.patientBundles().size(),
                    converted.resources(),
                    converted.waves(),
                    convertTime.toMillis() / 1000.0,
                    workDir);

            try (NdjsonFileServer files = new NdjsonFileServer(settings.serveHost(), settings.servePort())) {
                err.println("Serving the files at " + files.baseUrl() + " (the server must allow it: "
                        + "transitionnet.ingest.import-allowed-sources)");
                return importWaves(converted, files, input, convertTime);
            }
        } catch (IOException e) {
            err.println("NDJSON import failed: " + e);
            return 1;
        } finally {
            if (temporary && workDir != null) {
                delete(workDir);
            }
        }
    }

    private int importWaves(
            NdjsonConverter.Result converted, NdjsonFileServer files, BundleFiles.InputSet input, Duration convertTime)
            throws IOException, InterruptedException {
        BulkImportClient client =
                new BulkImportClient(mapper, options.baseUrl(), options.bearerToken(), Duration.ofMillis(500));
        Stopwatch importing = new Stopwatch();
        long stored = 0;
        List<String> failures = new ArrayList<>();
        for (int wave = 0; wave < converted.waves(); wave++) {
            int current = wave;
            List<Map.Entry<String, String>> inputs = new ArrayList<>();
            long lines = 0;
            for (NdjsonConverter.NdjsonFile file : converted.files()) {
                if (file.wave() == current) {
                    inputs.add(Map.entry(file.type(), files.publish(file.path())));
                    lines += file.lines();
                }
            }
            err.printf(
                    Locale.ROOT,
                    "Wave %d/%d: %d files, %d resources%n",
                    wave + 1,
                    converted.waves(),
                    inputs.size(),
                    lines);
            AtomicReference<String> last = new AtomicReference<>("");
            BulkImportClient.Outcome outcome = client.run(client.manifest(files.baseUrl(), inputs), progress -> {
                if (options.progress() && !progress.equals(last.getAndSet(progress))) {
                    err.println("  " + progress);
                }
            });
            if (!outcome.completed()) {
                failures.add("wave " + (wave + 1) + ": HTTP " + outcome.status() + ": "
                        + String.join(" | ", outcome.messages()));
                break;
            }
            long actions = outcome.storageActions();
            stored += actions >= 0 ? actions : lines;
        }
        Duration elapsed = importing.elapsed();
        out.print(summary(converted, input, stored, elapsed, convertTime, failures));
        return failures.isEmpty() && stored == converted.resources() ? 0 : 1;
    }

    private String summary(
            NdjsonConverter.Result converted,
            BundleFiles.InputSet input,
            long stored,
            Duration elapsed,
            Duration convertTime,
            List<String> failures) {
        StringBuilder text = new StringBuilder("Import summary for " + options.baseUrl() + " ($import)\n");
        text.append(line(
                "information bundles",
                Integer.toString(input.informationBundles().size())));
        text.append(line("patients", Integer.toString(input.patientBundles().size())));
        text.append(line("resources", Long.toString(stored)));
        text.append(line("seconds", String.format(Locale.ROOT, "%.1f", elapsed.toMillis() / 1000.0)));
        text.append(line("resources/s", String.format(Locale.ROOT, "%.1f", LoadSummary.perSecond(stored, elapsed))));
        text.append(line(
                "converted",
                converted.resources() + " resources in " + converted.waves() + " waves, "
                        + String.format(Locale.ROOT, "%.1f", convertTime.toMillis() / 1000.0) + " s"));
        StringBuilder types = new StringBuilder();
        converted
                .perType()
                .forEach((type, n) -> types.append(types.isEmpty() ? "" : ", ")
                        .append(type)
                        .append(' ')
                        .append(n));
        text.append(line("per type", types.toString()));
        if (!converted.excluded().isEmpty()) {
            StringBuilder excluded = new StringBuilder();
            converted
                    .excluded()
                    .forEach((type, n) -> excluded.append(excluded.isEmpty() ? "" : ", ")
                            .append(type)
                            .append(' ')
                            .append(n));
            text.append(line("excluded", excluded.toString()));
        }
        text.append(line("unresolved refs", Long.toString(converted.unresolvedReferences())));
        text.append(line("failures", Integer.toString(failures.size())));
        failures.forEach(f -> text.append("    ").append(f).append('\n'));
        return text.toString();
    }

    private static String line(String label, String value) {
        return String.format(Locale.ROOT, "  %-20s %s%n", label, value);
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a left-over temporary folder is harmless
        }
    }
}
