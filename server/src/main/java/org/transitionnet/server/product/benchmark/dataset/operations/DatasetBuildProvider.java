package org.transitionnet.server.product.benchmark.dataset.operations;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.batch2.model.StatusEnum;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.transitionnet.server.async.AsyncJobs;
import org.transitionnet.server.async.AsyncKickOff;
import org.transitionnet.server.async.JobOwnerAccess;
import org.transitionnet.server.product.benchmark.BenchmarkOperations;
import org.transitionnet.server.product.benchmark.BenchmarkProperties;
import org.transitionnet.server.product.benchmark.JsonAnswers;
import org.transitionnet.server.product.benchmark.dataset.CardPlots;
import org.transitionnet.server.product.benchmark.dataset.DatasetFreezer;
import org.transitionnet.server.product.benchmark.dataset.DatasetStore;
import org.transitionnet.server.product.benchmark.dataset.DatasetVersion;
import org.transitionnet.server.product.benchmark.dataset.job.DatasetBuildJob;
import org.transitionnet.server.product.benchmark.dataset.job.DatasetBuildParameters;
import org.transitionnet.server.product.benchmark.dataset.job.DatasetBuildReport;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;
import org.transitionnet.server.product.benchmark.task.InputVariable;
import org.transitionnet.server.product.benchmark.task.TaskCatalog;
import org.transitionnet.server.release.deid.DeidKeyException;
import org.transitionnet.server.security.AuditedAction.Kind;
import org.transitionnet.server.security.OperationAccess;
import org.transitionnet.server.security.OperationAccess.Compartment;

/**
 * The benchmark's dataset operations (all at the server level):
 * <ul>
 *   <li>{@code POST [base]/$dataset-build} with {@code Prefer: respond-async}; parameters {@code task} (0..*, string or code;
 *       default every task), {@code _k} (integer; may only raise the server's k), {@code _minHeldOutSubjects} and
 *       {@code _minHeldOutRecords} (integers; lower than configured only where demonstration versions are allowed, and the
 *       version is then a demonstration), as a Parameters body or in the query → 202 + Content-Location of the status;</li>
 *   <li>{@code GET [base]/$dataset-build-status?_jobId=} → 202 with X-Progress and Retry-After while running, 200 with the
 *       result, 422 when every requested task was refused (naming each reason), 500 when the build failed; {@code DELETE}
 *       cancels; only for the client that started the build or an administrator (403 for anyone else);</li>
 *   <li>{@code GET [base]/$datasets} the tasks and the ready versions ({@code dataset=} for one version);</li>
 *   <li>{@code GET [base]/$dataset-file?dataset=&path=} one released file, with its media type and SHA-256 as ETag;</li>
 *   <li>{@code GET [base]/$dataset-card?dataset=&_format=json|markdown} the version's card; {@code _format=svg&task=} a
 *       task's plots of what the card releases ({@link CardPlots}).</li>
 * </ul>
 * Every answer is JSON (or the file itself); every error a FHIR OperationOutcome. Each operation declares the
 * benchmark scope it needs ({@code benchmark/*.build} for builds and their status, {@code benchmark/*.read} for the
 * rest); authorization and audit follow those declarations.
 */
public class DatasetBuildProvider {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CARD_MARKDOWN = "card.md";
    private static final int RETRY_AFTER_SECONDS = 2;

    private final IJobCoordinator jobs;
    private final AsyncKickOff kickOff;
    private final TaskCatalog tasks;
    private final DatasetStore store;
    private final BenchmarkProperties properties;
    private final Runnable keyCheck;
    private final java.util.function.Consumer<String> clearStage;
    private final JobOwnerAccess owners;
    private final java.util.function.BiFunction<List<String>, Integer, String> familyOf;

    /**
     * @param keyCheck   throws {@link DeidKeyException} when no usable de-identification key is configured
     * @param clearStage removes what a cancelled build staged
     * @param owners     who owns a build (the client that started it) and who else may follow or cancel it
     * @param familyOf   the version family of the requested task ids and k, fixed at kick-off
     */
    /** The server's m of k^m. */
    private final int setValuedM;

    public DatasetBuildProvider(
            IJobCoordinator jobs,
            IJobMaintenanceService maintenance,
            TaskCatalog tasks,
            DatasetStore store,
            BenchmarkProperties properties,
            Runnable keyCheck,
            java.util.function.Consumer<String> clearStage,
            JobOwnerAccess owners,
            java.util.function.BiFunction<List<String>, Integer, String> familyOf,
            int setValuedM) {
        this.setValuedM = setValuedM;
        this.jobs = jobs;
        this.kickOff = new AsyncKickOff(jobs, maintenance);
        this.tasks = tasks;
        this.store = store;
        this.properties = properties;
        this.keyCheck = keyCheck;
        this.clearStage = clearStage;
        this.owners = owners;
        this.familyOf = familyOf;
    }

    @OperationAccess(
            productScope = BenchmarkOperations.BUILD_SCOPE,
            compartment = Compartment.SYSTEM,
            audit = Kind.DATASET_BUILD)
    @Operation(name = BenchmarkOperations.BUILD, manualResponse = true)
    public void build(ServletRequestDetails request) throws IOException {
        AsyncKickOff.requireRespondAsync(request, "A dataset build");
        BuildRequest checked = BuildRequest.of(parameters(request), tasks, properties, setValuedM);
        try {
            keyCheck.run();
        } catch (DeidKeyException e) {
            throw new InternalErrorException("Dataset build refused: " + e.getMessage());
        }
        List<String> taskIds = checked.tasks().stream().map(BenchmarkTask::id).toList();
        String familyId = familyOf.apply(taskIds, checked.k());
        DatasetBuildParameters job = new DatasetBuildParameters(
                taskIds,
                checked.k(),
                checked.minHeldOutSubjects(),
                minHeldOutRecords(checked),
                checked.demonstration(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                owners.owner(request),
                familyId,
                checked.setValuedM());
        kickOff.start(
                request,
                DatasetBuildJob.JOB_ID,
                job,
                BenchmarkOperations.BUILD_STATUS + "?_jobId=",
                (jobId, statusUrl) -> "Dataset build " + jobId + " started for " + job.tasks() + "; poll " + statusUrl);
    }

    /** Held-out records each requested task needs: the request's own minimum, else the server's or the task's. */
    private java.util.Map<String, Integer> minHeldOutRecords(BuildRequest checked) {
        java.util.Map<String, Integer> out = new LinkedHashMap<>();
        checked.tasks()
                .forEach(t -> out.put(
                        t.id(),
                        checked.minHeldOutRecords() != null
                                ? checked.minHeldOutRecords()
                                : BuildRequest.minHeldOutRecords(t, properties)));
        return out;
    }

    /**
     * The kick-off's parameters by name, from a Parameters body (any primitive value: string, code, integer ...) and the
     * query; read here rather than bound by HAPI, which would turn a malformed number in the query into a server error
     * and refuses an integer where a string is declared.
     */
    private Map<String, List<String>> parameters(ServletRequestDetails request) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        byte[] body = request.loadRequestContents();
        if (body != null && body.length > 0) {
            Parameters parameters;
            try {
                String contentType = request.getHeader("Content-Type");
                boolean xml = contentType != null
                        && contentType.toLowerCase(Locale.ROOT).contains("xml");
                parameters = (xml
                                ? request.getFhirContext().newXmlParser()
                                : request.getFhirContext().newJsonParser())
                        .parseResource(Parameters.class, new String(body, StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                throw new InvalidRequestException(
                        "The body of " + BenchmarkOperations.BUILD + " must be a FHIR Parameters resource");
            }
            for (Parameters.ParametersParameterComponent p : parameters.getParameter()) {
                if (!BuildRequest.NAMES.contains(p.getName())) {
                    throw new InvalidRequestException("Unknown parameter '" + p.getName() + "' of "
                            + BenchmarkOperations.BUILD + "; it takes " + BuildRequest.NAMES);
                }
                if (p.getValue() == null || !p.getValue().isPrimitive()) {
                    throw new InvalidRequestException(
                            "Parameter " + p.getName() + " needs a primitive value (string, code or integer)");
                }
                out.computeIfAbsent(p.getName(), n -> new ArrayList<>())
                        .add(p.getValue().primitiveValue().strip());
            }
        }
        for (String name : BuildRequest.NAMES) {
            String[] query = request.getParameters().get(name);
            if (query != null) {
                for (String value : query) {
                    for (String part : value.split(",")) {
                        if (!part.isBlank()) {
                            out.computeIfAbsent(name, n -> new ArrayList<>()).add(part.strip());
                        }
                    }
                }
            }
        }
        return out;
    }

    @OperationAccess(
            productScope = BenchmarkOperations.BUILD_SCOPE,
            compartment = Compartment.SYSTEM,
            auditDelete = Kind.DATASET_BUILD_CANCEL)
    @Operation(name = BenchmarkOperations.BUILD_STATUS, idempotent = true, manualResponse = true, deleteEnabled = true)
    public void status(@OperationParam(name = "_jobId") StringType jobId, ServletRequestDetails request)
            throws IOException {
        JobInstance instance = instance(jobId);
        String id = instance.getInstanceId();
        // Status, result and cancellation are the starting client's (or an administrator's), as for research exports.
        owners.checkAccess(
                request,
                "Dataset build " + id,
                instance.getParameters(DatasetBuildParameters.class).builtBy());
        HttpServletResponse response = request.getServletResponse();
        if (request.getRequestType() == RequestTypeEnum.DELETE) {
            jobs.cancelInstance(id);
            clearStage.accept(id);
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
            AsyncKickOff.writeOutcome(
                    request,
                    OperationOutcome.IssueSeverity.INFORMATION,
                    OperationOutcome.IssueType.INFORMATIONAL,
                    List.of("Dataset build " + id + " cancelled"));
            return;
        }
        StatusEnum status = instance.getStatus();
        if (status == StatusEnum.COMPLETED) {
            DatasetBuildReport report = report(instance);
            if (report.datasetId == null) {
                List<String> reasons = new ArrayList<>();
                report.refusals.forEach((task, reason) -> reasons.add("Task " + task + " refused: " + reason));
                if (reasons.isEmpty()) {
                    reasons.add("Dataset build " + id + " published no task");
                }
                response.setStatus(422);
                AsyncKickOff.writeOutcome(
                        request,
                        OperationOutcome.IssueSeverity.ERROR,
                        OperationOutcome.IssueType.BUSINESSRULE,
                        reasons);
                return;
            }
            ObjectNode result = JSON.valueToTree(report);
            result.put("jobId", id);
            result.put(
                    "url",
                    request.getFhirServerBase() + "/" + BenchmarkOperations.DATASETS + "?dataset=" + report.datasetId);
            JsonAnswers.json(request, HttpServletResponse.SC_OK, result);
            return;
        }
        if (status == StatusEnum.FAILED) {
            AsyncKickOff.writeFailed(request, "Dataset build", instance);
            return;
        }
        AsyncKickOff.writeInProgress(response, instance, RETRY_AFTER_SECONDS);
    }

    private JobInstance instance(StringType jobId) {
        return AsyncJobs.live(
                jobs,
                jobId,
                DatasetBuildJob.JOB_ID,
                "No dataset build " + (jobId == null ? "" : jobId.getValue()) + " (unknown or cancelled)");
    }

    private static DatasetBuildReport report(JobInstance instance) throws IOException {
        return instance.getReport() == null
                ? new DatasetBuildReport()
                : JSON.readValue(instance.getReport(), DatasetBuildReport.class);
    }

    @OperationAccess(productScope = BenchmarkOperations.READ_SCOPE, compartment = Compartment.SYSTEM)
    @Operation(name = BenchmarkOperations.DATASETS, idempotent = true, manualResponse = true)
    public void datasets(@OperationParam(name = "dataset") StringType dataset, ServletRequestDetails request)
            throws IOException {
        String base = request.getFhirServerBase();
        if (dataset != null && !dataset.isEmpty()) {
            JsonAnswers.json(request, HttpServletResponse.SC_OK, version(ready(dataset.getValue()), base));
            return;
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode taskList = out.putArray("tasks");
        tasks.tasks().forEach(t -> taskList.add(task(t)));
        ArrayNode versions = out.putArray("datasets");
        store.versions().forEach(v -> versions.add(version(v, base)));
        JsonAnswers.json(request, HttpServletResponse.SC_OK, out);
    }

    private DatasetVersion ready(String datasetId) {
        return store.version(datasetId)
                .filter(DatasetVersion::isReady)
                .orElseThrow(() -> new ResourceNotFoundException("No dataset version " + datasetId));
    }

    private static ObjectNode task(BenchmarkTask t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", t.id());
        o.put("version", t.version());
        o.put("title", t.title());
        o.put("description", t.description());
        o.put("targetVariable", t.targetVariable());
        ArrayNode inputs = o.putArray("baselineInputs");
        for (InputVariable i : t.baselineInputs()) {
            inputs.addObject().put("variable", i.variable()).put("daysBefore", i.daysBefore());
        }
        ArrayNode demographics = o.putArray("demographics");
        t.demographics().forEach(demographics::add);
        ArrayNode classes = o.putArray("actionClasses");
        t.actionClasses().forEach(classes::add);
        o.putObject("followUpWindow").put("minDays", t.minFollowUpDays()).put("maxDays", t.maxFollowUpDays());
        ArrayNode directions = o.putArray("directions");
        t.directionValues().forEach(directions::add);
        o.put("changeUnit", t.changeUnit());
        o.put("intervalLevel", t.intervalLevel());
        ArrayNode metrics = o.putArray("metrics");
        t.metrics().forEach(metrics::add);
        o.putObject("split")
                .put("rule", t.split().rule())
                .put("version", t.split().version())
                .put("train", t.split().train())
                .put("tuning", t.split().tuning())
                .put("heldOut", t.split().heldOut());
        o.put("minHeldOutSubjects", t.minHeldOutSubjects());
        o.putObject("ranking")
                .put("primary", t.primaryMetric())
                .set("secondary", JSON.valueToTree(t.secondaryMetrics()));
        o.put("safetyBoundary", t.safetyBoundary());
        return o;
    }

    private ObjectNode version(DatasetVersion v, String base) {
        ObjectNode o = JSON.createObjectNode();
        o.put("datasetId", v.datasetId());
        o.put("semver", v.semver());
        if (v.demonstration()) {
            o.put("demonstration", DatasetVersion.DEMONSTRATION_NOTE);
        }
        o.put("createdAt", v.createdAt().toString());
        ArrayNode taskIds = o.putArray("tasks");
        v.taskIds().forEach(taskIds::add);
        o.set("taskVersions", JSON.valueToTree(v.taskVersions()));
        o.put("catalogueVersion", v.catalogueVersion());
        o.put("deidVersion", v.deidVersion());
        o.put("family", v.familyId());
        o.put("contentHash", v.contentHash());
        o.set("refusals", JSON.valueToTree(v.refusals()));
        o.set("counts", JSON.valueToTree(store.counts(v.datasetId())));
        ArrayNode files = o.putArray("files");
        for (DatasetStore.StoredFile f : store.files(v.datasetId())) {
            files.addObject()
                    .put("path", f.path())
                    .put("mediaType", f.mediaType())
                    .put("size", f.size())
                    .put("sha256", f.sha256())
                    .put("url", fileUrl(base, v.datasetId(), f.path()));
        }
        o.put("cardUrl", base + "/" + BenchmarkOperations.CARD + "?dataset=" + v.datasetId());
        return o;
    }

    private static String fileUrl(String base, String datasetId, String path) {
        return base + "/" + BenchmarkOperations.FILE + "?dataset=" + datasetId + "&path="
                + URLEncoder.encode(path, StandardCharsets.UTF_8);
    }

    @OperationAccess(
            productScope = BenchmarkOperations.READ_SCOPE,
            compartment = Compartment.SYSTEM,
            audit = Kind.DATASET_DOWNLOAD)
    @Operation(name = BenchmarkOperations.FILE, idempotent = true, manualResponse = true)
    public void file(
            @OperationParam(name = "dataset") StringType dataset,
            @OperationParam(name = "path") StringType path,
            ServletRequestDetails request)
            throws IOException {
        String datasetId = required(dataset, "dataset");
        String filePath = required(path, "path");
        ready(datasetId);
        serve(datasetId, filePath, request);
    }

    @OperationAccess(productScope = BenchmarkOperations.READ_SCOPE, compartment = Compartment.SYSTEM)
    @Operation(name = BenchmarkOperations.CARD, idempotent = true, manualResponse = true)
    public void card(
            @OperationParam(name = "dataset") StringType dataset,
            @OperationParam(name = "task") StringType task,
            ServletRequestDetails request)
            throws IOException {
        String datasetId = required(dataset, "dataset");
        // _format is read from the request itself: HAPI keeps it for its own response encoding.
        String[] formats = request.getParameters().get("_format");
        String format = formats == null || formats.length == 0
                ? "json"
                : formats[0].strip().toLowerCase(Locale.ROOT);
        String path = switch (format) {
            case "json", "application/json" -> DatasetFreezer.CARD_JSON;
            case "markdown", "md", "text/markdown" -> CARD_MARKDOWN;
            case "svg", "image/svg+xml" -> null;
            default -> throw new InvalidRequestException("_format must be json, markdown or svg, not '" + format + "'");
        };
        if (path == null) {
            plots(datasetId, required(task, "task"), request);
            return;
        }
        ready(datasetId);
        if (store.files(datasetId).stream().noneMatch(f -> f.path().equals(path))) {
            throw new ResourceNotFoundException("Dataset version " + datasetId + " has no card " + path);
        }
        serve(datasetId, path, request);
    }

    /**
     * A task's plots, drawn from the stored card's JSON and nothing else ({@link CardPlots}): 404 when the card has
     * no such task or releases no distribution for it (every split counts only).
     */
    private void plots(String datasetId, String taskId, ServletRequestDetails request) throws IOException {
        ready(datasetId);
        byte[] stored = store.file(datasetId, DatasetFreezer.CARD_JSON)
                .orElseThrow(() -> new ResourceNotFoundException(
                        "Dataset version " + datasetId + " has no card " + DatasetFreezer.CARD_JSON));
        JsonNode card = JSON.readTree(stored);
        if (!CardPlots.hasTask(card, taskId)) {
            throw new ResourceNotFoundException("Dataset version " + datasetId + " has no task '" + taskId + "'");
        }
        byte[] svg = CardPlots.svg(card, taskId)
                .orElseThrow(() -> new ResourceNotFoundException("Task " + taskId + " of dataset version " + datasetId
                        + " releases no distribution: every split shows counts only"))
                .getBytes(StandardCharsets.UTF_8);
        HttpServletResponse response = request.getServletResponse();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("image/svg+xml;charset=UTF-8");
        // Opened on its own the picture runs nothing and loads nothing.
        response.setHeader("Content-Security-Policy", "default-src 'none'");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLengthLong(svg.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(svg);
        }
    }

    /** One stored file: its bytes, media type and SHA-256 (ETag); 304 when the client holds it already. */
    private void serve(String datasetId, String path, ServletRequestDetails request) throws IOException {
        DatasetStore.StoredFile stored = store.files(datasetId).stream()
                .filter(f -> f.path().equals(path))
                .findFirst()
                .orElseThrow(
                        () -> new ResourceNotFoundException("Dataset version " + datasetId + " has no file " + path));
        HttpServletResponse response = request.getServletResponse();
        String etag = "\"" + stored.sha256() + "\"";
        response.setHeader("ETag", etag);
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        byte[] bytes = store.file(datasetId, path)
                .orElseThrow(
                        () -> new ResourceNotFoundException("Dataset version " + datasetId + " has no file " + path));
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(stored.mediaType());
        response.setContentLengthLong(bytes.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(bytes);
        }
    }

    private static String required(StringType value, String name) {
        if (value == null || value.isEmpty() || value.getValue().isBlank()) {
            throw new InvalidRequestException(name + " is required");
        }
        return value.getValue().strip();
    }
}
