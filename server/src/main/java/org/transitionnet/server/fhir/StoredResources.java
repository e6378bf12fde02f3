package org.transitionnet.server.fhir;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;

/**
 * Reading one stored resource by id as the system, where its absence is an answer rather than an error: never
 * stored and deleted are both "none". Callers that must tell those two apart read through the DAO themselves.
 */
public final class StoredResources {

    private StoredResources() {}

    /** The current version of {@code type/id}, or empty when there is none. */
    public static <T extends IBaseResource> Optional<T> find(DaoRegistry daos, Class<T> type, String id) {
        try {
            return Optional.of(daos.getResourceDao(type)
                    .read(new IdType(daos.getFhirContext().getResourceType(type), id), new SystemRequestDetails()));
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code type/id} is stored and not deleted. */
    public static boolean exists(DaoRegistry daos, Class<? extends IBaseResource> type, String id) {
        return find(daos, type, id).isPresent();
    }
}
