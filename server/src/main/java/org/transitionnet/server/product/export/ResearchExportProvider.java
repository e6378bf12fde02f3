package org.transitionnet.server.product.export;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.batch2.model.StatusEnum;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.StringType;
import org.transitionnet.server.async.AsyncJobs;
import org.transitionnet.server.async.AsyncKickOff;
import org.transitionnet.server.product.export.job.DisclosureReport;
import org.transitionnet.server.product.export.job.ExportJobParameters;
import org.transitionnet.server.product.export.job.ExportReport;
import org.transitionnet.server.product.export.job.ExportStorage;
import org.transitionnet.server.product.export.job.ResearchExportJob;
import org.transitionnet.server.release.deid.DeidKeyException;
import org.transitionnet.server.security.AuditedAction.Kind;
import org.transitionnet.server.security.OperationAccess;
import org.transitionnet.server.security.OperationAccess.Compartment;
import org.transitionnet.server.security.SmartScope.Context;

/**
 * De-identified research export through the FHIR Bulk Data v2 async pattern:
 * <ul>
 *   <li>kick-off {@code GET|POST [base]/$research-export} or {@code [base]/Group/{id}/$research-export}
 *       with {@code Prefer: respond-async}; parameters {@code _type} (ResearchTransition, Bundle),
 *       {@code _outputFormat} (ndjson, csv), {@code _since}, {@code _k}, {@code _m}, {@code _push}, {@code _pseudonyms}
 *       (consistent, per-export) → 202 + Content-Location; any other parameter is refused unless the client
 *       sends {@code Prefer: handling=lenient} ({@link KickOffParameters});</li>
 *   <li>{@code GET [base]/$research-export-status?_jobId=} → 202 with X-Progress and Retry-After, 429
 *       when polled too often, 200 with the manifest and {@code Expires} when done; {@code DELETE} cancels (then 404);</li>
 *   <li>{@code GET [base]/$research-export-file?_jobId=&_file=} streams one output file ({@code _file=disclosure-report}:
 *       the export's disclosure report, also shown in the manifest; {@code _file=errors}: the manifest's error
 *       file, {@link ExportErrors}).</li>
 * </ul>
 * Each operation declares the scope it needs and the AuditEvent it writes; who owns an export is the
 * {@link ResearchExportAccess} hook's.
 */
public class ResearchExportProvider {

    public static final String OP_KICK_OFF = "$research-export";
    public static final String OP_STATUS = "$research-export-status";
    public static final String OP_FILE = "$research-export-file";
    /** {@code _file} value of the disclosure report. */
    public static final String DISCLOSURE_FILE = "disclosure-report";

    public static final String EXT_SUMMARY = "http://transitionnet.org/fhir/research-export-summary";
    public static final String EXT_DISCLOSURE = "http://transitionnet.org/fhir/disclosure-report";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final IJobCoordinator jobs;
    private final AsyncKickOff kickOff;
    private final ExportStorage storage;
    private final ExportProperties properties;
    private final ResearchExportAccess access;
    private final PollThrottle throttle;
    private final Runnable keyCheck;
    private final DaoRegistry daos;

    /** @param keyCheck throws {@link DeidKeyException} when no usable key is configured */
    /** The server's m of k^m ({@code transitionnet.release.set-valued-m}). */
    private final int setValuedM;

    public ResearchExportProvider(
            IJobCoordinator jobs,
            IJobMaintenanceService maintenance,
            ExportStorage storage,
            ExportProperties properties,
            ResearchExportAccess access,
            PollThrottle throttle,
            Runnable keyCheck,
            DaoRegistry daos,
            int setValuedM) {
        this.setValuedM = setValuedM;
        this.jobs = jobs;
        this.kickOff = new AsyncKickOff(jobs, maintenance);
        this.storage = storage;
        this.properties = properties;
        this.access = access;
        this.throttle = throttle;
        this.keyCheck = keyCheck;
        this.daos = daos;
    }

    @OperationAccess(
            scope = "Observation.r",
            contexts = Context.SYSTEM,
            compartment = Compartment.SYSTEM,
            audit = Kind.RESEARCH_EXPORT_KICK_OFF)
    @Operation(name = OP_KICK_OFF, idempotent = true, manualResponse = true)
    public void systemExport(
            @OperationParam(name = "_type") StringType type,
            @OperationParam(name = "_outputFormat") StringType outputFormat,
            @OperationParam(name = "_since") StringType since,
            @OperationParam(name = "_k") StringType k,
            @OperationParam(name = "_m") StringType m,
            @OperationParam(name = "_push") StringType push,
            @OperationParam(name = "_pseudonyms") StringType pseudonyms,
            ServletRequestDetails request)
            throws IOException {
        access.checkKickOff(request, null);
        kickOff(null, type, outputFormat, since, k, m, push, pseudonyms, request);
    }

    @OperationAccess(
            scope = "Observation.r",
            contexts = Context.SYSTEM,
            compartment = Compartment.SYSTEM,
            audit = Kind.RESEARCH_EXPORT_KICK_OFF)
    @Operation(name = OP_KICK_OFF, idempotent = true, manualResponse = true, typeName = "Group")
    public void groupExport(
            @IdParam IdType groupId,
            @OperationParam(name = "_type") StringType type,
            @OperationParam(name = "_outputFormat") StringType outputFormat,
            @OperationParam(name = "_since") StringType since,
            @OperationParam(name = "_k") StringType k,
            @OperationParam(name = "_m") StringType m,
            @OperationParam(name = "_push") StringType push,
            @OperationParam(name = "_pseudonyms") StringType pseudonyms,
            ServletRequestDetails request)
            throws IOException {
        access.checkKickOff(request, groupId.getIdPart());
        try {
            daos.getResourceDao(Group.class).read(groupId.toUnqualifiedVersionless(), new SystemRequestDetails());
        } catch (ResourceGoneException e) {
            throw new ResourceNotFoundException("Group/" + groupId.getIdPart() + " is deleted");
        }
        kickOff(groupId.getIdPart(), type, outputFormat, since, k, m, push, pseudonyms, request);
    }

    private void kickOff(
            String groupId,
            StringType type,
            StringType outputFormat,
            StringType since,
            StringType k,
            StringType m,
            StringType push,
            StringType pseudonyms,
            ServletRequestDetails request)
            throws IOException {
        AsyncKickOff.requireRespondAsync(request, "The research export");
        boolean lenient = KickOffParameters.lenient(request.getHeaders("Prefer"));
        List<String> unsupported = KickOffParameters.unsupported(parameterNames(request));
        if (!unsupported.isEmpty() && !lenient) {
            throw new InvalidRequestException("The research export does not support " + String.join(", ", unsupported)
                    + "; leave it out, or send 'Prefer: handling=lenient' to have it ignored");
        }
        ExportJobParameters parameters = new ExportJobParameters()
                .setGroupId(groupId)
                .setTypes(types(type, lenient))
                .setFormat(format(outputFormat))
                .setSince(since(since))
                .setK(k(k))
                .setSetValuedM(m(m))
                .setPush(push(push))
                .setRequest(request.getCompleteUrl())
                .setOwner(access.owner(request))
                // The release time of every output: whole seconds, the same instant the manifest names.
                .setTransactionTime(Instant.now()
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .toString());
        pseudonyms(parameters, pseudonyms);
        if ("csv".equals(parameters.getFormat()) && parameters.getTypes().contains(ExportJobParameters.TYPE_BUNDLE)) {
            throw new InvalidRequestException(
                    "_outputFormat=csv is available for _type=ResearchTransition only; bundles are NDJSON");
        }
        try {
            keyCheck.run();
        } catch (DeidKeyException e) {
            throw new InternalErrorException("Research export refused: " + e.getMessage());
        }
        kickOff.start(
                request,
                ResearchExportJob.JOB_ID,
                parameters,
                OP_STATUS + "?_jobId=",
                (jobId, statusUrl) -> "Research export " + jobId + " started; poll " + statusUrl);
    }

    /** The kick-off's parameter names: the query's, and for a POST those of its Parameters body. */
    private static List<String> parameterNames(ServletRequestDetails request) {
        List<String> names = new ArrayList<>(request.getParameters().keySet());
        if (request.getRequestType() == RequestTypeEnum.POST) {
            byte[] body = request.loadRequestContents();
            ca.uhn.fhir.rest.api.EncodingEnum encoding = ca.uhn.fhir.rest.api.EncodingEnum.forContentType(
                    request.getHeader(ca.uhn.fhir.rest.api.Constants.HEADER_CONTENT_TYPE));
            if (body != null && body.length > 0 && encoding != null) {
                org.hl7.fhir.r4.model.Parameters parameters = encoding.newParser(request.getFhirContext())
                        .parseResource(
                                org.hl7.fhir.r4.model.Parameters.class, new String(body, StandardCharsets.UTF_8));
                parameters.getParameter().forEach(p -> names.add(p.getName()));
            }
        }
        return names;
    }

    /**
     * {@code consistent} (default): pseudonyms and date shifts are the same in every export, so a registry
     * can update what it holds; {@code per-export}: a fresh random salt keys this export alone, so nothing
     * in it links to any other export (and it cannot be pushed to a registry).
     */
    private static void pseudonyms(ExportJobParameters parameters, StringType pseudonyms) {
        String mode = pseudonyms == null || pseudonyms.isEmpty()
                ? DisclosureReport.PSEUDONYMS_CONSISTENT
                : pseudonyms.getValue().strip();
        if (mode.equals(DisclosureReport.PSEUDONYMS_PER_EXPORT)) {
            if (parameters.isPush()) {
                throw new InvalidRequestException(
                        "_push=true needs consistent pseudonyms (the registry updates by pseudonym); "
                                + "drop _pseudonyms=per-export or _push");
            }
            byte[] salt = new byte[32];
            RANDOM.nextBytes(salt);
            parameters
                    .setPseudonyms(mode)
                    .setPseudonymSalt(java.util.HexFormat.of().formatHex(salt));
        } else if (!mode.equals(DisclosureReport.PSEUDONYMS_CONSISTENT)) {
            throw new InvalidRequestException(
                    "_pseudonyms must be consistent (linkable across exports, the default) or per-export (pseudonyms and date shifts of this export alone)");
        }
        parameters.setPseudonyms(mode);
    }

    /** With lenient handling, types the export does not produce are left out; an error only when none is left. */
    private static List<String> types(StringType type, boolean lenient) {
        if (type == null || type.isEmpty()) {
            return List.of(ExportJobParameters.TYPE_RESEARCH, ExportJobParameters.TYPE_BUNDLE);
        }
        List<String> types = new ArrayList<>();
        for (String t : type.getValue().split(",")) {
            String name = t.strip();
            boolean exported =
                    name.equals(ExportJobParameters.TYPE_RESEARCH) || name.equals(ExportJobParameters.TYPE_BUNDLE);
            if (!exported && !lenient) {
                throw new InvalidRequestException(
                        "_type '" + name + "' is not exported; use ResearchTransition and/or Bundle");
            }
            if (exported && !types.contains(name)) {
                types.add(name);
            }
        }
        if (types.isEmpty()) {
            throw new InvalidRequestException("_type names no exported type; use ResearchTransition and/or Bundle");
        }
        return types;
    }

    private static String format(StringType outputFormat) {
        if (outputFormat == null || outputFormat.isEmpty()) {
            return "ndjson";
        }
        return switch (outputFormat.getValue().strip()) {
            case "application/fhir+ndjson", "application/ndjson", "ndjson" -> "ndjson";
            case "text/csv", "csv" -> "csv";
            default ->
                throw new InvalidRequestException(
                        "_outputFormat '" + outputFormat.getValue() + "' is not supported; use ndjson or csv");
        };
    }

    private static String since(StringType since) {
        if (since == null || since.isEmpty()) {
            return null;
        }
        try {
            return new org.hl7.fhir.r4.model.InstantType(since.getValue())
                    .getValue()
                    .toInstant()
                    .toString();
        } catch (RuntimeException e) {
            throw new InvalidRequestException("_since must be a FHIR instant, e.g. 2026-01-01T00:00:00Z");
        }
    }

    /** A larger k is always accepted; a smaller one only when the administrator allows it. */
    private int k(StringType k) {
        if (k == null || k.isEmpty()) {
            return properties.k();
        }
        int value;
        try {
            value = Integer.parseInt(k.getValue().strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("_k must be a whole number");
        }
        if (value < 1) {
            throw new InvalidRequestException("_k must be at least 1");
        }
        if (value < properties.k() && !properties.allowKOverride()) {
            throw new InvalidRequestException("_k below the configured " + properties.k()
                    + " is not allowed on this server (transitionnet.export.allow-k-override)");
        }
        return value;
    }

    /** A larger m is always accepted (up to 3); a smaller one only where a smaller k would be. */
    private int m(StringType m) {
        if (m == null || m.isEmpty()) {
            return setValuedM;
        }
        int value;
        try {
            value = Integer.parseInt(m.getValue().strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("_m must be a whole number");
        }
        if (value < 0 || value > 3) {
            throw new InvalidRequestException("_m must be 0, 1, 2 or 3");
        }
        if (value < setValuedM && !properties.allowKOverride()) {
            throw new InvalidRequestException("_m below the configured " + setValuedM
                    + " is not allowed on this server (transitionnet.export.allow-k-override)");
        }
        return value;
    }

    private boolean push(StringType push) {
        if (push == null || push.isEmpty() || "false".equals(push.getValue())) {
            return false;
        }
        if (!"true".equals(push.getValue())) {
            throw new InvalidRequestException("_push must be true or false");
        }
        if (properties.registryUrl() == null) {
            throw new InvalidRequestException(
                    "_push=true needs a research registry (transitionnet.export.registry-url)");
        }
        return true;
    }

    @OperationAccess(
            scope = "Observation.r",
            contexts = Context.SYSTEM,
            compartment = Compartment.SYSTEM,
            auditDelete = Kind.RESEARCH_EXPORT_CANCEL)
    @Operation(name = OP_STATUS, idempotent = true, manualResponse = true, deleteEnabled = true)
    public void status(@OperationParam(name = "_jobId") StringType jobId, ServletRequestDetails request)
            throws IOException {
        JobInstance instance = instance(jobId);
        String id = instance.getInstanceId();
        access.checkExportAccess(
                request, id, instance.getParameters(ExportJobParameters.class).getOwner());
        HttpServletResponse response = request.getServletResponse();
        if (request.getRequestType() == RequestTypeEnum.DELETE) {
            jobs.cancelInstance(id);
            storage.delete(id);
            throttle.forget(id);
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
            AsyncKickOff.writeOutcome(
                    request,
                    OperationOutcome.IssueSeverity.INFORMATION,
                    OperationOutcome.IssueType.INFORMATIONAL,
                    List.of("Research export " + id + " cancelled"));
            return;
        }
        if (!throttle.tryPoll(id)) {
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(throttle.retryAfterSeconds()));
            AsyncKickOff.writeOutcome(
                    request,
                    OperationOutcome.IssueSeverity.ERROR,
                    OperationOutcome.IssueType.THROTTLED,
                    List.of("Polled too often; wait " + throttle.retryAfterSeconds() + " s (Retry-After)"));
            return;
        }
        StatusEnum status = instance.getStatus();
        if (status == StatusEnum.COMPLETED) {
            response.setStatus(HttpServletResponse.SC_OK);
            expires(instance).ifPresent(expiry -> response.setHeader("Expires", expiry));
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer w = response.getWriter();
            w.write(JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(manifest(instance, request.getFhirServerBase())));
            w.close();
            return;
        }
        if (status == StatusEnum.FAILED) {
            AsyncKickOff.writeFailed(request, "Research export", instance);
            return;
        }
        AsyncKickOff.writeInProgress(response, instance, throttle.retryAfterSeconds());
    }

    @OperationAccess(
            scope = "Observation.r",
            contexts = Context.SYSTEM,
            compartment = Compartment.SYSTEM,
            audit = Kind.RESEARCH_EXPORT_DOWNLOAD)
    @Operation(name = OP_FILE, idempotent = true, manualResponse = true)
    public void file(
            @OperationParam(name = "_jobId") StringType jobId,
            @OperationParam(name = "_file") StringType file,
            ServletRequestDetails request)
            throws IOException {
        JobInstance instance = instance(jobId);
        String id = instance.getInstanceId();
        access.checkExportAccess(
                request, id, instance.getParameters(ExportJobParameters.class).getOwner());
        if (instance.getStatus() != StatusEnum.COMPLETED) {
            throw new ResourceNotFoundException("Research export " + id + " has no files yet");
        }
        if (file != null && DISCLOSURE_FILE.equals(file.getValue())) {
            HttpServletResponse response = request.getServletResponse();
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer w = response.getWriter();
            w.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report(instance).disclosure));
            w.close();
            return;
        }
        if (file != null && ExportErrors.FILE.equals(file.getValue())) {
            HttpServletResponse response = request.getServletResponse();
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("application/fhir+ndjson");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer w = response.getWriter();
            for (OperationOutcome outcome : ExportErrors.of(report(instance))) {
                w.write(request.getFhirContext()
                        .newJsonParser()
                        .setPrettyPrint(false)
                        .encodeResourceToString(outcome));
                w.write("\n");
            }
            w.close();
            return;
        }
        int index;
        try {
            index = Integer.parseInt(file == null ? "" : file.getValue());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("_file must be the number of an output file");
        }
        ExportStorage.OutputFile output = storage.files(id).stream()
                .filter(f -> f.fileIndex() == index)
                .findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("Research export " + id + " has no file " + index));
        ExportJobParameters parameters = instance.getParameters(ExportJobParameters.class);
        boolean csv =
                ExportJobParameters.TYPE_RESEARCH.equals(output.outputType()) && "csv".equals(parameters.getFormat());
        HttpServletResponse response = request.getServletResponse();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(csv ? "text/csv" : "application/fhir+ndjson");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Writer w = response.getWriter();
        storage.forEachPart(id, index, part -> {
            try {
                w.write(part);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        w.close();
    }

    /**
     * When the files stop being available: the export's end plus the retention (the purge runs after that,
     * {@link ExportPurger}), as an HTTP date.
     */
    private java.util.Optional<String> expires(JobInstance instance) {
        if (instance.getEndTime() == null) {
            return java.util.Optional.empty();
        }
        Instant expiry = instance.getEndTime().toInstant().plus(properties.retention());
        return java.util.Optional.of(
                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(expiry.atZone(java.time.ZoneOffset.UTC)));
    }

    private JobInstance instance(StringType jobId) {
        return AsyncJobs.live(
                jobs,
                jobId,
                ResearchExportJob.JOB_ID,
                "No research export " + (jobId == null ? "" : jobId.getValue()) + " (unknown, cancelled, or expired)");
    }

    private ObjectNode manifest(JobInstance instance, String base) throws IOException {
        ExportJobParameters parameters = instance.getParameters(ExportJobParameters.class);
        ObjectNode m = JSON.createObjectNode();
        m.put("transactionTime", parameters.getTransactionTime());
        m.put("request", parameters.getRequest());
        m.put("requiresAccessToken", properties.requiresAccessToken());
        ArrayNode output = m.putArray("output");
        for (ExportStorage.OutputFile f : storage.files(instance.getInstanceId())) {
            ObjectNode o = output.addObject();
            o.put("type", f.outputType());
            o.put("url", base + "/" + OP_FILE + "?_jobId=" + instance.getInstanceId() + "&_file=" + f.fileIndex());
            o.put("count", f.count());
        }
        ExportReport report = report(instance);
        ArrayNode error = m.putArray("error");
        int errors = ExportErrors.of(report).size();
        if (errors > 0) {
            ObjectNode e = error.addObject();
            e.put("type", "OperationOutcome");
            e.put("url", base + "/" + OP_FILE + "?_jobId=" + instance.getInstanceId() + "&_file=" + ExportErrors.FILE);
            e.put("count", errors);
        }
        ObjectNode extension = m.putObject("extension");
        ObjectNode summary = JSON.valueToTree(report);
        summary.remove("disclosure");
        extension.set(EXT_SUMMARY, summary);
        if (report.disclosure != null) {
            ObjectNode disclosure = JSON.valueToTree(report.disclosure);
            disclosure.put(
                    "url", base + "/" + OP_FILE + "?_jobId=" + instance.getInstanceId() + "&_file=" + DISCLOSURE_FILE);
            extension.set(EXT_DISCLOSURE, disclosure);
        }
        return m;
    }

    private static ExportReport report(JobInstance instance) throws IOException {
        return instance.getReport() == null
                ? new ExportReport()
                : JSON.readValue(instance.getReport(), ExportReport.class);
    }
}
