package org.transitionnet.loader;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Entry point: {@code java -jar transitionnet-loader.jar --base-url URL --input DIR [options]}. */
public final class LoaderCli {

    private LoaderCli() {}

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args));
    }

    static int run(String[] args) throws InterruptedException {
        LoaderOptions options;
        try {
            options = LoaderOptions.parse(args, System.getenv());
        } catch (LoaderOptions.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println(e.getMessage());
            }
            System.err.println(LoaderOptions.USAGE);
            return e.getMessage() == null ? 0 : 2;
        }

        BundleFiles.InputSet input = BundleFiles.scan(options.inputDir());
        if (input.informationBundles().isEmpty() && input.patientBundles().isEmpty()) {
            System.err.println("No *.json or *.json.gz bundles in " + options.inputDir());
            return 2;
        }
        if (options.ndjson() != null) {
            return new org.transitionnet.loader.ndjson.NdjsonImport(options, System.out, System.err).run(input);
        }
        System.err.printf(
                "Loading %d information and %d patient bundles into %s with %d threads%s%n",
                input.informationBundles().size(),
                input.patientBundles().size(),
                options.baseUrl(),
                options.threads(),
                options.excludedTypes().isEmpty()
                        ? ""
                        : ", excluding "
                                + String.join(
                                        ",",
                                        options.excludedTypes().stream()
                                                .sorted()
                                                .toList()));

        ObjectMapper mapper = new ObjectMapper();
        LoadSummary summary = new LoadSummary();
        Stopwatch stopwatch = new Stopwatch();
        ProgressBar progress = new ProgressBar(System.err, options.progress());
        BundleLoader loader = new BundleLoader(
                mapper,
                new BundlePreparer(new TypeExclusion(options.excludedTypes()), options.idempotent()),
                new FhirTransactionClient(options.baseUrl(), options.bearerToken(), options.requestTimeout()),
                summary,
                progress,
                stopwatch,
                new BundleSplitter(options.maxEntries(), options.maxBytes(), mapper));
        loader.load(input, options.threads());
        progress.finish();
        System.out.print(summary.format(options.baseUrl().toString(), stopwatch.elapsed()));
        return summary.succeeded() ? 0 : 1;
    }
}
