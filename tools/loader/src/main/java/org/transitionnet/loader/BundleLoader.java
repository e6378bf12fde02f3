package org.transitionnet.loader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Loads an export folder: information bundles one by one, then patient bundles in parallel. */
public final class BundleLoader {

    private final ObjectMapper mapper;
    private final BundlePreparer preparer;
    private final FhirTransactionClient client;
    private final LoadSummary summary;
    private final ProgressBar progress;
    private final Stopwatch stopwatch;
    private final BundleSplitter splitter;
    private int total;

    public BundleLoader(
            ObjectMapper mapper,
            BundlePreparer preparer,
            FhirTransactionClient client,
            LoadSummary summary,
            ProgressBar progress,
            Stopwatch stopwatch,
            BundleSplitter splitter) {
        this.splitter = splitter;
        this.mapper = mapper;
        this.preparer = preparer;
        this.client = client;
        this.summary = summary;
        this.progress = progress;
        this.stopwatch = stopwatch;
    }

    public void load(BundleFiles.InputSet input, int threads) throws InterruptedException {
        summary.expect(input.informationBundles().size(), input.patientBundles().size());
        total = input.informationBundles().size() + input.patientBundles().size();
        for (Path file : input.informationBundles()) {
            loadOne(file, true);
        }
        if (!summary.succeeded()) {
            // Patient bundles reference these organizations and practitioners; they would all fail.
            summary.skipPatients();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (Path file : largestFirst(input.patientBundles())) {
                pending.add(pool.submit(() -> {
                    loadOne(file, false);
                    return null;
                }));
            }
            for (Future<?> future : pending) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    // loadOne records its own failures; anything else is a bug worth surfacing
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void loadOne(Path file, boolean information) throws InterruptedException {
        String name = file.getFileName().toString();
        try {
            ObjectNode bundle = BundleFiles.read(file, mapper);
            summary.recordExclusion(preparer.prepare(bundle));
            int resources = BundlePreparer.entryCount(bundle);
            List<ObjectNode> parts = new ArrayList<>(splitter.split(bundle));
            bundle = null; // let large bundles be collected while the server works
            for (int part = 0; part < parts.size(); part++) {
                byte[] body = mapper.writeValueAsBytes(parts.get(part));
                parts.set(part, null);
                FhirTransactionClient.Response response = client.postTransaction(body);
                if (!response.isSuccess()) {
                    String which =
                            parts.size() == 1 ? name : name + " (part " + (part + 1) + " of " + parts.size() + ")";
                    summary.recordFailure(new LoadSummary.Failure(
                            which, response.status(), OperationOutcomes.diagnostics(response.body(), mapper)));
                    resources = -1;
                    break;
                }
            }
            if (resources >= 0) {
                summary.recordLoaded(information, resources);
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            summary.recordFailure(new LoadSummary.Failure(name, 0, describe(e)));
        }
        progress.update(
                summary.bundlesDone(),
                total,
                summary.resourcesLoaded(),
                summary.failures().size(),
                stopwatch.elapsed());
    }

    /** Sending the largest bundles first keeps the tail of a parallel load short. */
    static List<Path> largestFirst(List<Path> files) {
        return files.stream()
                .sorted(Comparator.comparingLong(BundleLoader::sizeOf)
                        .reversed()
                        .thenComparing(Path::toString))
                .toList();
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(text.isEmpty() ? "" : " <- ").append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage());
            }
        }
        return text.toString();
    }
}
