package org.transitionnet.server.derivation.transition.incremental;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.model.DeleteConflict;
import ca.uhn.fhir.jpa.api.model.DeleteConflictList;
import ca.uhn.fhir.jpa.delete.DeleteConflictOutcome;
import ca.uhn.fhir.jpa.delete.ThreadSafeResourceDeleterSvc;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import org.transitionnet.server.record.patient.DerivedResources;

/**
 * A source resource that derived transitions point at (derivedFrom, basedOn, Provenance entity) may
 * still be deleted: the derived resources depending on it are deleted in the same transaction, and the
 * patient's re-derivation (marked by {@link SourceChangeInterceptor}) recomputes what still holds.
 * Conflicts with source data are left alone, so referential integrity still protects real records.
 */
@Interceptor
public class DerivedDependentsDeleter {

    private static final int MAX_RETRIES = 5;
    private final ThreadSafeResourceDeleterSvc deleter;

    public DerivedDependentsDeleter(ThreadSafeResourceDeleterSvc deleter) {
        this.deleter = deleter;
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_DELETE_CONFLICTS)
    public DeleteConflictOutcome deleteDerivedDependents(
            DeleteConflictList conflicts, RequestDetails request, TransactionDetails transaction) {
        DeleteConflictList derived = new DeleteConflictList();
        for (DeleteConflict conflict : conflicts) {
            if (isDerived(conflict)) {
                derived.add(conflict);
            }
        }
        if (derived.isEmpty()) {
            return null;
        }
        deleter.delete(request, derived, transaction);
        conflicts.removeIf(DerivedDependentsDeleter::isDerived);
        return new DeleteConflictOutcome().setShouldRetryCount(MAX_RETRIES);
    }

    private static boolean isDerived(DeleteConflict conflict) {
        String type = conflict.getSourceId().getResourceType();
        String id = conflict.getSourceId().getIdPart();
        return id != null
                && (("Observation".equals(type) && id.startsWith(DerivedResources.OBSERVATION_ID_PREFIX))
                        || ("Provenance".equals(type) && id.startsWith(DerivedResources.PROVENANCE_ID_PREFIX)));
    }
}
