package org.transitionnet.server.derivation.transition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.transitionnet.server.support.SmallTimeline.hba1c;
import static org.transitionnet.server.support.SmallTimeline.metformin;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.ig.TransitionVocabulary;
import org.transitionnet.server.support.ServerTestBase;

/**
 * A search for derived transitions right after a derivation sees what it derived: the same search asked a
 * moment before (when there was nothing) is not answered from HAPI's cache of earlier search results
 * ({@code transitionnet.fhir.reuse-cached-search-results-ms}).
 */
class FreshSearchIT extends ServerTestBase {

    private static final String DERIVED =
            TransitionVocabulary.CS_CATEGORY + "|" + TransitionVocabulary.CATEGORY_DERIVED;

    @Test
    void aSearchRightAfterADerivationSeesTheNewTransition() {
        Instant start = Instant.parse("2023-02-01T09:00:00Z");
        Patient patient = new Patient();
        patient.addName().setFamily("Fresh-search");
        String patientId = client.create().resource(patient).execute().getId().getIdPart();
        client.create()
                .resource(hba1c(patientId, start.minus(30, ChronoUnit.DAYS), 8.2))
                .execute();
        client.create().resource(metformin(patientId, start)).execute();
        rederiveAndWait(List.of(patientId));
        String search = "Observation?subject=Patient/" + patientId + "&category=" + DERIVED + "&_count=50";
        assertThat(total(search)).as("no transition without a follow-up").isZero();

        client.create()
                .resource(hba1c(patientId, start.plus(100, ChronoUnit.DAYS), 7.1))
                .execute();
        rederiveAndWait(List.of(patientId));

        assertThat(total(search))
                .as("the same search, right after the derivation")
                .isEqualTo(1);
    }

    private int total(String url) {
        return client.search()
                .byUrl(url)
                .returnBundle(Bundle.class)
                .execute()
                .getEntry()
                .size();
    }
}
