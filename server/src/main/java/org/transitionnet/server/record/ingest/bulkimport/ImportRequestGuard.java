package org.transitionnet.server.record.ingest.bulkimport;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.jobs.imprt.BulkDataImportProvider;
import ca.uhn.fhir.batch2.jobs.imprt.BulkImportAppCtx;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.model.util.JpaConstants;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Parameters;
import org.transitionnet.server.async.AsyncJobs;

/**
 * Checks a {@code $import} kick-off before HAPI starts its job: every input URL must lie under an allowed
 * import source ({@link ImportSources}), otherwise the whole request is refused with 400 and nothing is
 * fetched. {@code $import-poll-status} answers only for bulk-import jobs, not for any other job whose id a
 * client learned. Runs after the authorization interceptor, so only authorized clients learn about sources.
 */
public class ImportRequestGuard {

    /** After HAPI's AuthorizationInterceptor (order 0) on the same pointcut. */
    static final int ORDER = 100;

    private final FhirContext fhirContext;
    private final ImportSources sources;
    private final IJobCoordinator jobs;

    public ImportRequestGuard(FhirContext fhirContext, ImportSources sources, IJobCoordinator jobs) {
        this.fhirContext = fhirContext;
        this.sources = sources;
        this.jobs = jobs;
    }

    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = ORDER)
    public void check(RequestDetails request) {
        if (JpaConstants.OPERATION_IMPORT.equals(request.getOperation())) {
            checkSources(request);
        } else if (JpaConstants.OPERATION_IMPORT_POLL_STATUS.equals(request.getOperation())) {
            checkJob(request);
        }
    }

    private void checkSources(RequestDetails request) {
        List<String> urls = inputUrls(request);
        List<String> refusals = new ArrayList<>();
        for (String url : urls) {
            sources.refusal(url).ifPresent(refusals::add);
        }
        if (!refusals.isEmpty()) {
            throw new InvalidRequestException("$import refused: " + String.join("; ", refusals));
        }
    }

    private List<String> inputUrls(RequestDetails request) {
        byte[] body = request.loadRequestContents();
        if (body == null || body.length == 0) {
            throw new InvalidRequestException("$import needs a Parameters body (the import manifest)");
        }
        EncodingEnum encoding = EncodingEnum.forContentType(request.getHeader("Content-Type"));
        Parameters manifest;
        try {
            manifest = (encoding == null ? EncodingEnum.JSON : encoding)
                    .newParser(fhirContext)
                    .parseResource(Parameters.class, new String(body, StandardCharsets.UTF_8));
        } catch (DataFormatException | ClassCastException e) {
            throw new InvalidRequestException(
                    "$import needs a Parameters body (the import manifest): " + e.getMessage());
        }
        List<String> urls = new ArrayList<>();
        for (Parameters.ParametersParameterComponent input : manifest.getParameter()) {
            if (!BulkDataImportProvider.PARAM_INPUT.equals(input.getName())) {
                continue;
            }
            for (Parameters.ParametersParameterComponent part : input.getPart()) {
                if (BulkDataImportProvider.PARAM_INPUT_URL.equals(part.getName())) {
                    urls.add(part.getValue() == null ? "" : part.getValue().primitiveValue());
                }
            }
        }
        return urls;
    }

    private void checkJob(RequestDetails request) {
        String[] ids = request.getParameters().get(JpaConstants.PARAM_IMPORT_POLL_STATUS_JOB_ID);
        if (ids == null || ids.length == 0 || ids[0].isBlank()) {
            throw new InvalidRequestException(
                    "$import-poll-status needs " + JpaConstants.PARAM_IMPORT_POLL_STATUS_JOB_ID);
        }
        if (AsyncJobs.ofDefinition(jobs, ids[0], BulkImportAppCtx.JOB_BULK_IMPORT_PULL)
                .isEmpty()) {
            throw new ResourceNotFoundException("No bulk import " + ids[0]);
        }
    }
}
