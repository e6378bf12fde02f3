package org.transitionnet.loader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Thread-safe tally of a load and its final report. */
public final class LoadSummary {

    /** One bundle the server refused or that could not be sent. */
    public record Failure(String file, int status, String diagnostics) {}

    private int informationBundles;
    private int informationLoaded;
    private int patientBundles;
    private int patientsLoaded;
    private long resourcesLoaded;
    private int removedReferences;
    private boolean patientsSkipped;
    private final Map<String, Integer> excluded = new TreeMap<>();
    private final List<Failure> failures = new ArrayList<>();

    public synchronized void expect(int information, int patients) {
        informationBundles = information;
        patientBundles = patients;
    }

    public synchronized void recordExclusion(TypeExclusion.Outcome outcome) {
        outcome.droppedEntries().forEach((type, n) -> excluded.merge(type, n, Integer::sum));
        removedReferences += outcome.removedReferences();
    }

    public synchronized void recordLoaded(boolean information, int resources) {
        if (information) {
            informationLoaded++;
        } else {
            patientsLoaded++;
        }
        resourcesLoaded += resources;
    }

    /** Marks the patient bundles as not attempted. */
    public synchronized void skipPatients() {
        patientsSkipped = true;
    }

    public synchronized void recordFailure(Failure failure) {
        failures.add(failure);
    }

    public synchronized long resourcesLoaded() {
        return resourcesLoaded;
    }

    public synchronized int bundlesDone() {
        return informationLoaded + patientsLoaded + failures.size();
    }

    public synchronized List<Failure> failures() {
        return List.copyOf(failures);
    }

    public synchronized boolean succeeded() {
        return failures.isEmpty();
    }

    public static double perSecond(long count, Duration elapsed) {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : count / seconds;
    }

    public synchronized String format(String baseUrl, Duration elapsed) {
        StringBuilder out = new StringBuilder();
        double seconds = elapsed.toMillis() / 1000.0;
        out.append("Load summary for ").append(baseUrl).append('\n');
        out.append(line("information bundles", informationLoaded + "/" + informationBundles));
        out.append(line(
                "patients",
                patientsLoaded + "/" + patientBundles
                        + (patientsSkipped ? " (not attempted: an information bundle failed)" : "")));
        out.append(line("resources", Long.toString(resourcesLoaded)));
        out.append(line("seconds", String.format(Locale.ROOT, "%.1f", seconds)));
        out.append(line("resources/s", String.format(Locale.ROOT, "%.1f", perSecond(resourcesLoaded, elapsed))));
        if (!excluded.isEmpty()) {
            StringBuilder types = new StringBuilder();
            excluded.forEach((type, n) -> types.append(types.isEmpty() ? "" : ", ")
                    .append(type)
                    .append(' ')
                    .append(n));
            out.append(line(
                    "excluded",
                    types + (removedReferences > 0 ? " (and " + removedReferences + " references to them)" : "")));
        }
        out.append(line("failures", Integer.toString(failures.size())));
        failures.stream()
                .sorted(Comparator.comparing(Failure::file))
                .forEach(f -> out.append("    ")
                        .append(f.file())
                        .append(": ")
                        .append(f.status() > 0 ? "HTTP " + f.status() : "not sent")
                        .append(": ")
                        .append(f.diagnostics())
                        .append('\n'));
        return out.toString();
    }

    private static String line(String label, String value) {
        return String.format(Locale.ROOT, "  %-20s %s%n", label, value);
    }
}
