package org.transitionnet.server.security.audit;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.transitionnet.server.security.AuditedAction;

/**
 * Builds AuditEvents in the shape of IHE Basic Audit Log Patterns (BALP): RESTful-operation type with the
 * interaction as subtype, the client and the server as agents, the server as observer, the patient and the
 * query as entities. Denials carry outcome 4 (minor failure) and the reason.
 */
public final class AuditEventFactory {

    static final String AUDIT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    static final String INTERACTION = "http://hl7.org/fhir/restful-interaction";
    static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String OBJECT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    public static final String SOURCE_NAME = "TransitionNet";

    private AuditEventFactory() {}

    public static AuditEvent create(AuditedAction action) {
        AuditEvent event = new AuditEvent();
        event.setType(new Coding(AUDIT_TYPE, "rest", "Restful Operation"));
        event.addSubtype(subtype(action.subtype()));
        event.setAction(AuditEvent.AuditEventAction.fromCode(action.kind().action()));
        event.setRecorded(new Date());
        event.setOutcome(action.denied() ? AuditEvent.AuditEventOutcome._4 : AuditEvent.AuditEventOutcome._0);
        event.setOutcomeDesc(action.denied() ? "HTTP " + action.status() + ": " + action.reason() : null);

        AuditEvent.AuditEventAgentComponent client = event.addAgent().setRequestor(true);
        client.setType(new CodeableConcept(new Coding(DICOM, "110153", "Source Role ID")));
        AuditedAction.Agent agent = action.agent();
        client.getWho().setDisplay(agent == null ? "anonymous (no valid token)" : agent.clientId());
        if (agent != null && agent.user() != null && !agent.user().equals(agent.clientId())) {
            AuditEvent.AuditEventAgentComponent user = event.addAgent().setRequestor(true);
            user.setType(new CodeableConcept(new Coding(PARTICIPATION, "IRCP", "information recipient")));
            user.getWho().setDisplay(agent.user());
        }
        client.getNetwork().setAddress(action.clientAddress()).setType(AuditEvent.AuditEventAgentNetworkType._2);

        AuditEvent.AuditEventAgentComponent server = event.addAgent().setRequestor(false);
        server.setType(new CodeableConcept(new Coding(DICOM, "110152", "Destination Role ID")));
        server.getWho().setDisplay(SOURCE_NAME);

        event.getSource().setSite(SOURCE_NAME).getObserver().setDisplay(SOURCE_NAME);
        event.getSource()
                .addType(new Coding(
                        "http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server"));

        if (action.patientId() != null) {
            AuditEvent.AuditEventEntityComponent patient = event.addEntity();
            patient.setWhat(new Reference("Patient/" + action.patientId()));
            patient.setType(new Coding(OBJECT_TYPE, "1", "Person"));
            patient.setRole(new Coding(OBJECT_ROLE, "1", "Patient"));
        }
        if (action.requestUrl() != null) {
            AuditEvent.AuditEventEntityComponent query = event.addEntity();
            query.setType(new Coding(OBJECT_TYPE, "2", "System Object"));
            query.setRole(new Coding(OBJECT_ROLE, "24", "Query"));
            query.setDescription(action.kind().name());
            query.setQueryElement(new Base64BinaryType(action.requestUrl().getBytes(StandardCharsets.UTF_8)));
        }
        return event;
    }

    private static Coding subtype(String subtype) {
        if (subtype.startsWith("$")) {
            return new Coding(INTERACTION, "operation", "operation")
                    .setVersion(null)
                    .setDisplay(subtype);
        }
        return new Coding(INTERACTION, subtype, subtype);
    }
}
