package org.transitionnet.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.model.util.JpaConstants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.interceptor.binary.BinarySecurityContextInterceptor;
import org.hl7.fhir.instance.model.api.IBaseBinary;
import org.hl7.fhir.instance.model.api.IBaseHasExtensions;

/**
 * Bulk-export files (Binaries) are readable only by the client that started the export, or an
 * administrator, whatever Binary scope another client holds: HAPI's Binary security context carries the
 * owning client ({@link BulkExportOwnership}). Export files written without an owner (before owners were
 * recorded) are for administrators only. Other Binaries are governed by scopes alone.
 */
public class ExportBinaryAccess extends BinarySecurityContextInterceptor {

    public ExportBinaryAccess(FhirContext context) {
        super(context);
    }

    @Override
    protected void applyAccessControl(IBaseBinary binary, RequestDetails request) {
        boolean hasContext = binary instanceof org.hl7.fhir.r4.model.Binary r4
                && r4.hasSecurityContext()
                && r4.getSecurityContext().hasIdentifier();
        if (!hasContext
                && isExportFile(binary)
                && !(request instanceof SystemRequestDetails)
                && !SmartAccessToken.current()
                        .map(ExportOwnership::isAdministrator)
                        .orElse(false)) {
            throw new ForbiddenOperationException(
                    "This export file has no recorded owner; only an administrator may read it");
        }
        super.applyAccessControl(binary, request);
    }

    @Override
    protected boolean securityContextIdentifierAllowed(String system, String value, RequestDetails request) {
        if (!BulkExportOwnership.EXPORT_CLIENT_SYSTEM.equals(system)) {
            // A security context this server does not assign means nothing here: scopes decide.
            return true;
        }
        return SmartAccessToken.current()
                .map(token -> ExportOwnership.mayAccess(token, value))
                .orElse(false);
    }

    @Override
    protected void handleForbidden(IBaseBinary binary) {
        throw new ForbiddenOperationException("This export file belongs to another client");
    }

    private static boolean isExportFile(IBaseBinary binary) {
        return binary.getMeta() instanceof IBaseHasExtensions meta
                && meta.getExtension().stream()
                        .anyMatch(e -> JpaConstants.BULK_META_EXTENSION_JOB_ID.equals(e.getUrl()));
    }
}
