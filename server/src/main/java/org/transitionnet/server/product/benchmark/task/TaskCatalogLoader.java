package org.transitionnet.server.product.benchmark.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.catalogue.StateVariable;
import org.transitionnet.server.product.benchmark.metric.MetricRegistry;

/**
 * Reads the benchmark task files ({@code *.yaml} in one folder; schema in {@code benchmarks/README.md})
 * and checks them against the mapping catalogue, so a task that names an unknown variable or class,
 * a unit other than the target's canonical unit, a window the catalogue never derives, or a split rule
 * other tasks do not share stops the server at start instead of producing an empty or leaky dataset.
 */
public class TaskCatalogLoader {

    /** Metrics {@code $evaluate} computes; a task may list any of them (read from {@link MetricRegistry}). */
    public static final List<String> KNOWN_METRICS = MetricRegistry.names();
    /** Skill-type metrics (a score relative to a reference on the same records); a task's primary metric is one of them. */
    public static final List<String> SKILL_METRICS = MetricRegistry.skillNames();

    public static final List<String> DIRECTIONS = List.of("improved", "unchanged", "worsened");
    private static final Set<String> DEMOGRAPHICS = Set.of("ageBand", "sex");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern SEMVER = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final MappingCatalogue catalog;

    public TaskCatalogLoader(MappingCatalogue catalog) {
        this.catalog = catalog;
    }

    /** @param location a Spring resource folder, e.g. {@code classpath:transitionnet/benchmarks/tasks/} or {@code file:benchmarks/tasks/} */
    public TaskCatalog load(String location) {
        String folder = location.endsWith("/") ? location : location + "/";
        String pattern = folder.startsWith("classpath:")
                ? "classpath*:" + folder.substring("classpath:".length()) + "*.yaml"
                : folder + "*.yaml";
        Resource[] files;
        try {
            files = new PathMatchingResourcePatternResolver().getResources(pattern);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list benchmark tasks at " + pattern + ": " + e.getMessage(), e);
        }
        List<BenchmarkTask> tasks = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Resource file : files) {
            BenchmarkTask task = parse(file);
            if (!ids.add(task.id())) {
                throw new IllegalStateException(
                        "Benchmark task id '" + task.id() + "' is used by two files (" + file.getFilename() + ")");
            }
            tasks.add(task);
        }
        for (BenchmarkTask task : tasks) {
            if (!task.split().equals(tasks.get(0).split())) {
                throw new IllegalStateException(
                        "Benchmark task " + task.id() + " states split " + task.split() + " but "
                                + tasks.get(0).id() + " states " + tasks.get(0).split()
                                + ": every task must share one split rule so a subject is in one split everywhere");
            }
        }
        return new TaskCatalog(tasks);
    }

    BenchmarkTask parse(Resource file) {
        JsonNode doc;
        try (InputStream in = file.getInputStream()) {
            doc = YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot read benchmark task " + file.getDescription() + ": " + e.getMessage(), e);
        }
        String where = "Benchmark task " + file.getFilename() + ": ";
        try {
            return check(doc);
        } catch (RuntimeException e) {
            throw new IllegalStateException(where + e.getMessage(), e);
        }
    }

    private BenchmarkTask check(JsonNode doc) {
        if (!"benchmark-task".equals(doc.path("kind").asText())) {
            throw new IllegalArgumentException("kind must be benchmark-task");
        }
        String id = text(doc, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id '" + id + "' must be lower-case letters, digits and hyphens");
        }
        String version = text(doc, "version");
        if (!SEMVER.matcher(version).matches()) {
            throw new IllegalArgumentException("version '" + version + "' must be MAJOR.MINOR.PATCH");
        }
        JsonNode variables = doc.path("stateVariables");
        StateVariable target = variable(text(variables, "target"));
        List<InputVariable> inputs = new ArrayList<>();
        for (JsonNode input : variables.path("baselineInputs")) {
            InputVariable v = new InputVariable(
                    variable(text(input, "variable")).id(),
                    input.path("daysBefore").asInt(365));
            if (v.daysBefore() <= 0) {
                throw new IllegalArgumentException("baseline input " + v.variable() + " needs daysBefore > 0");
            }
            inputs.add(v);
        }
        List<String> demographics = new ArrayList<>();
        for (JsonNode d : variables.path("demographics")) {
            if (!DEMOGRAPHICS.contains(d.asText())) {
                throw new IllegalArgumentException("demographic '" + d.asText() + "' is not one of " + DEMOGRAPHICS);
            }
            demographics.add(d.asText());
        }
        List<String> classes = new ArrayList<>();
        for (JsonNode c : doc.path("intervention").path("actionClasses")) {
            if (catalog.actionClass(c.asText()).isEmpty()) {
                throw new IllegalArgumentException("action class '" + c.asText() + "' is not in the mapping catalogue");
            }
            classes.add(c.asText());
        }
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("intervention.actionClasses is empty");
        }
        JsonNode window = doc.path("followUpWindow");
        int min = window.path("minDays").asInt(-1);
        int max = window.path("maxDays").asInt(-1);
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("followUpWindow needs 0 <= minDays <= maxDays");
        }
        if (max < target.followUpMinDaysAfter() || min > target.followUpMaxDaysAfter()) {
            throw new IllegalArgumentException("followUpWindow " + min + "-" + max
                    + " days never meets the catalogue's follow-up window of " + target.id() + " ("
                    + target.followUpMinDaysAfter() + "-" + target.followUpMaxDaysAfter() + " days)");
        }
        JsonNode targets = doc.path("targets");
        List<String> directions = new ArrayList<>();
        targets.path("direction").path("values").forEach(v -> directions.add(v.asText()));
        if (!directions.equals(DIRECTIONS)) {
            throw new IllegalArgumentException("targets.direction.values must be " + DIRECTIONS);
        }
        String unit = text(targets.path("change"), "unit");
        if (!unit.equals(target.canonicalUnit())) {
            throw new IllegalArgumentException("targets.change.unit '" + unit + "' is not the canonical unit of "
                    + target.id() + " ('" + target.canonicalUnit() + "')");
        }
        double interval = targets.path("change").path("interval").asDouble(0.9);
        if (interval <= 0 || interval >= 1) {
            throw new IllegalArgumentException("targets.change.interval must lie strictly between 0 and 1");
        }
        if (!targets.has("adverseEvent")) {
            throw new IllegalArgumentException("targets.adverseEvent is missing");
        }
        List<String> metrics = new ArrayList<>();
        for (JsonNode m : doc.path("metrics")) {
            if (!MetricRegistry.isKnown(m.asText())) {
                throw new IllegalArgumentException("metric '" + m.asText() + "' is not one of " + KNOWN_METRICS);
            }
            metrics.add(m.asText());
        }
        JsonNode s = doc.path("split");
        SplitRule split = new SplitRule(
                text(s, "rule"),
                s.path("version").asInt(1),
                s.path("train").asDouble(),
                s.path("tuning").asDouble(),
                s.path("heldOut").asDouble());
        int minHeldOut = doc.path("population").path("minHeldOutSubjects").asInt(5);
        if (minHeldOut < 1) {
            throw new IllegalArgumentException("population.minHeldOutSubjects must be at least 1");
        }
        int minHeldOutRecords = doc.path("population").path("minHeldOutRecords").asInt(0);
        if (minHeldOutRecords < 0) {
            throw new IllegalArgumentException("population.minHeldOutRecords must not be negative");
        }
        JsonNode ranking = doc.path("ranking");
        String primary = text(ranking, "primary");
        if (!MetricRegistry.isSkill(primary)) {
            throw new IllegalArgumentException(
                    "ranking.primary '" + primary + "' must be a skill-type metric, one of " + SKILL_METRICS);
        }
        List<String> secondary = new ArrayList<>();
        for (JsonNode m : ranking.path("secondary")) {
            if (!MetricRegistry.isKnown(m.asText())) {
                throw new IllegalArgumentException(
                        "ranking.secondary metric '" + m.asText() + "' is not one of " + KNOWN_METRICS);
            }
            if (m.asText().equals(primary) || secondary.contains(m.asText())) {
                throw new IllegalArgumentException("ranking names metric '" + m.asText() + "' twice");
            }
            secondary.add(m.asText());
        }
        for (String m : secondary) {
            if (!metrics.contains(m)) {
                throw new IllegalArgumentException(
                        "ranking.secondary metric '" + m + "' is not among the task's metrics " + metrics);
            }
        }
        if (!metrics.contains(primary)) {
            throw new IllegalArgumentException(
                    "ranking.primary metric '" + primary + "' is not among the task's metrics " + metrics);
        }
        String boundary = text(doc, "safetyBoundary");
        return new BenchmarkTask(
                id,
                version,
                text(doc, "title"),
                text(doc, "description"),
                target.id(),
                inputs,
                demographics,
                classes,
                min,
                max,
                directions,
                unit,
                interval,
                metrics,
                split,
                minHeldOut,
                boundary,
                minHeldOutRecords,
                primary,
                secondary);
    }

    private StateVariable variable(String id) {
        return catalog.stateVariable(id)
                .orElseThrow(() ->
                        new IllegalArgumentException("state variable '" + id + "' is not in the mapping catalogue"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value.asText().trim();
    }
}
