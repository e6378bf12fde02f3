package org.transitionnet.server.derivation.transition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.transitionnet.server.support.SmallTimeline.hba1c;
import static org.transitionnet.server.support.SmallTimeline.metformin;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.ig.TransitionVocabulary;
import org.transitionnet.server.support.ResearchExportClient;
import org.transitionnet.server.support.ServerTestBase;

/**
 * A stored absurd value (HbA1c 1e300) in one patient's record costs nobody else anything: the
 * re-derivation job completes with the other patient's transitions, the poisoned patient's
 * {@code $transitions} answers, and a research export over both completes.
 */
class PoisonValueIT extends ServerTestBase {

    private static final Instant START = Instant.parse("2022-06-01T08:00:00Z");

    @Test
    void oneAbsurdValueBreaksNeitherDerivationNorExportForOthers() throws Exception {
        String poisoned = patientOnMetformin();
        String healthy = patientOnMetformin();
        client.create()
                .resource(hba1c(poisoned, START.minus(5, ChronoUnit.DAYS), 1e300))
                .execute();

        rederiveAndWait(List.of(poisoned, healthy));

        assertThat(derivedTransitions(healthy)).isPositive();
        HttpResponse<String> transitions = http.get("/Patient/" + poisoned + "/$transitions");
        assertThat(transitions.statusCode()).as(transitions.body()).isEqualTo(200);
        Bundle result = fhirContext.newJsonParser().parseResource(Bundle.class, transitions.body());
        assertThat(result.getEntry())
                .anySatisfy(e -> assertThat(e.getResource()).isInstanceOf(OperationOutcome.class));

        Group group = new Group().setType(Group.GroupType.PERSON).setActual(true);
        group.addMember().setEntity(new Reference("Patient/" + poisoned));
        group.addMember().setEntity(new Reference("Patient/" + healthy));
        String groupId = client.create().resource(group).execute().getId().getIdPart();
        ResearchExportClient.Export export = new ResearchExportClient(baseUrl())
                .run("/Group/" + groupId + "/$research-export?_k=1&_type=ResearchTransition");
        JsonNode summary =
                export.manifest().path("extension").path("http://transitionnet.org/fhir/research-export-summary");
        assertThat(summary.path("patients").asInt()).isEqualTo(2);
        assertThat(export.lines("ResearchTransition")).isNotEmpty();
    }

    /** HbA1c 8.4 before and 7.1 after a metformin start: one transition. */
    private String patientOnMetformin() {
        String id = client.create()
                .resource(new Patient().setActive(true))
                .execute()
                .getId()
                .getIdPart();
        client.create()
                .resource(hba1c(id, START.minus(30, ChronoUnit.DAYS), 8.4))
                .execute();
        client.create().resource(metformin(id, START)).execute();
        client.create()
                .resource(hba1c(id, START.plus(120, ChronoUnit.DAYS), 7.1))
                .execute();
        return id;
    }

    private long derivedTransitions(String patientId) {
        Bundle found = client.search()
                .forResource(Observation.class)
                .where(Observation.SUBJECT.hasId("Patient/" + patientId))
                .and(Observation.CATEGORY
                        .exactly()
                        .systemAndCode(TransitionVocabulary.CS_CATEGORY, TransitionVocabulary.CATEGORY_DERIVED))
                .returnBundle(Bundle.class)
                .execute();
        return found.getEntry().size();
    }
}
