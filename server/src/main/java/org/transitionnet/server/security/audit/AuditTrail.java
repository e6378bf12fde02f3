package org.transitionnet.server.security.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transitionnet.server.security.AuditedAction;

/**
 * Stores AuditEvents through HAPI's DAO (so they are ordinary, searchable FHIR resources). Written as the
 * system, outside the caller's authorization; a failure to write is logged and never changes the answer.
 */
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final DaoRegistry daos;

    public AuditTrail(DaoRegistry daos) {
        this.daos = daos;
    }

    public void record(AuditedAction action) {
        AuditEvent event = AuditEventFactory.create(action);
        try {
            daos.getResourceDao(AuditEvent.class).create(event, new SystemRequestDetails());
        } catch (RuntimeException e) {
            if (action.patientId() != null) {
                // The patient may not exist (a denied guess at an id): keep the event, without the reference.
                try {
                    event.getEntity().removeIf(entity -> entity.getWhat().hasReference());
                    daos.getResourceDao(AuditEvent.class).create(event, new SystemRequestDetails());
                    return;
                } catch (RuntimeException again) {
                    e = again;
                }
            }
            log.error("Could not record AuditEvent for {} {}: {}", action.kind(), action.requestUrl(), e.getMessage());
        }
    }
}
