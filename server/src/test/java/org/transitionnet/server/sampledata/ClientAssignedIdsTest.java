package org.transitionnet.server.sampledata;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.junit.jupiter.api.Test;

class ClientAssignedIdsTest {

    @Test
    void createsBecomeUpdatesByTheirUuidsAndConditionalCreatesStay() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.BATCH);
        bundle.addEntry()
                .setFullUrl("urn:uuid:b0fc3374-c40b-8591-0cc4-d6ffc383e5a4")
                .setResource(new Patient())
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient");
        bundle.addEntry()
                .setFullUrl("urn:uuid:11111111-2222-3333-4444-555555555555")
                .setResource(new Observation())
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Observation");
        bundle.addEntry()
                .setFullUrl("urn:uuid:99999999-2222-3333-4444-555555555555")
                .setResource(new Practitioner())
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Practitioner")
                .setIfNoneExist("identifier=http://hl7.org/fhir/sid/us-npi|9999");

        ClientAssignedIds.apply(bundle);

        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
        Bundle.BundleEntryComponent patient = bundle.getEntry().get(0);
        assertThat(patient.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
        assertThat(patient.getRequest().getUrl()).isEqualTo("Patient/b0fc3374-c40b-8591-0cc4-d6ffc383e5a4");
        assertThat(patient.getResource().getIdElement().getIdPart()).isEqualTo("b0fc3374-c40b-8591-0cc4-d6ffc383e5a4");
        assertThat(patient.getFullUrl()).isEqualTo("urn:uuid:b0fc3374-c40b-8591-0cc4-d6ffc383e5a4");
        assertThat(bundle.getEntry().get(1).getRequest().getUrl())
                .isEqualTo("Observation/11111111-2222-3333-4444-555555555555");
        Bundle.BundleEntryComponent practitioner = bundle.getEntry().get(2);
        assertThat(practitioner.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.POST);
        assertThat(practitioner.getRequest().getIfNoneExist())
                .isEqualTo("identifier=http://hl7.org/fhir/sid/us-npi|9999");
    }
}
