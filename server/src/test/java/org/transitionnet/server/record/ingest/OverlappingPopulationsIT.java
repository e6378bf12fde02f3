package org.transitionnet.server.record.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.transitionnet.server.support.ServerTestBase;
import org.transitionnet.server.support.SyntheaFixtures;

/**
 * Two Synthea populations name the same practitioners (same NPIs) under different resource ids. Stored the way
 * the loader stores information resources (conditional update on the business identifier), the second population
 * updates the first one's resources: no duplicate Practitioner, and a patient bundle's conditional reference
 * {@code Practitioner?identifier=...} still matches exactly one (no 412 "Multiple resources match").
 */
class OverlappingPopulationsIT extends ServerTestBase {

    private static final String NPI = "http://hl7.org/fhir/sid/us-npi";

    @Test
    void twoPopulationsWithOverlappingNpisLoadWithoutDuplicatesOr412() {
        String information = SyntheaFixtures.read("information.json.gz");
        Bundle first = storedByIdentifier(fhirContext.newJsonParser().parseResource(Bundle.class, information));
        Bundle second = storedByIdentifier(
                withNewResourceIds(fhirContext.newJsonParser().parseResource(Bundle.class, information)));
        List<String> npis = first.getEntry().stream()
                .filter(e -> e.getResource() instanceof Practitioner)
                .map(e ->
                        ((Practitioner) e.getResource()).getIdentifierFirstRep().getValue())
                .toList();
        assertThat(npis).hasSize(8);

        for (Bundle population : List.of(first, second)) {
            HttpResponse<String> response =
                    http.post("/", fhirContext.newJsonParser().encodeResourceToString(population));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }

        for (String npi : npis) {
            Bundle found = client.search()
                    .byUrl("Practitioner?identifier=" + NPI + "|" + npi)
                    .returnBundle(Bundle.class)
                    .execute();
            assertThat(found.getEntry()).as("Practitioners with NPI " + npi).hasSize(1);
        }
        HttpResponse<String> patient =
                http.post("/", fhirContext.newJsonParser().encodeResourceToString(patientSeenBy(npis.get(0))));
        assertThat(patient.statusCode()).as(patient.body()).isEqualTo(200);
    }

    /** What the loader sends for an information bundle: {@code PUT Type?identifier=...}, no id in the body. */
    private static Bundle storedByIdentifier(Bundle bundle) {
        bundle.setType(Bundle.BundleType.TRANSACTION);
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            String match = entry.getRequest().getIfNoneExist();
            entry.getResource().setId((String) null);
            entry.getRequest()
                    .setMethod(Bundle.HTTPVerb.PUT)
                    .setIfNoneExist(null)
                    .setUrl(entry.getResource().fhirType() + "?" + match);
        }
        return bundle;
    }

    /** Another Synthea run: the same organizations and practitioners under other resource ids. */
    private static Bundle withNewResourceIds(Bundle bundle) {
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            String uuid = UUID.randomUUID().toString();
            entry.setFullUrl("urn:uuid:" + uuid);
            entry.getResource().setId(uuid);
        }
        return bundle;
    }

    private static Bundle patientSeenBy(String npi) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patientUrn = "urn:uuid:" + UUID.randomUUID();
        Patient patient = new Patient();
        patient.addName().setFamily("Overlap");
        bundle.addEntry()
                .setFullUrl(patientUrn)
                .setResource(patient)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient");
        Encounter encounter = new Encounter();
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        encounter
                .getClass_()
                .setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode")
                .setCode("AMB");
        encounter.setSubject(new Reference(patientUrn));
        encounter.addParticipant().setIndividual(new Reference("Practitioner?identifier=" + NPI + "|" + npi));
        bundle.addEntry()
                .setResource(encounter)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Encounter");
        return bundle;
    }
}
