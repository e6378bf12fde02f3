package org.transitionnet.server.record.patient;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.transitionnet.server.support.ServerTestBase;

/** Selecting every patient page by page sees each live patient exactly once, in pages no larger than asked. */
class PatientIdPagesIT extends ServerTestBase {

    @Autowired
    private DaoRegistry daos;

    @Test
    void everyPatientOnceAcrossPages() {
        for (int i = 0; i < 5; i++) {
            client.create().resource(new Patient().setActive(true)).execute();
        }
        String deleted =
                client.create().resource(new Patient()).execute().getId().getIdPart();
        client.delete().resourceById("Patient", deleted).execute();

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        long total = new PatientIdPages(daos, 2).forEachPage(page -> {
            sizes.add(page.size());
            seen.addAll(page);
        });

        assertThat(sizes).allMatch(size -> size >= 1 && size <= 2);
        assertThat(sizes.size()).isGreaterThanOrEqualTo(3);
        assertThat(new HashSet<>(seen)).hasSameSizeAs(seen).doesNotContain(deleted);
        assertThat(total).isEqualTo(seen.size()).isEqualTo(storedCount("Patient"));
    }
}
