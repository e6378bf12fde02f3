package org.transitionnet.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class IdempotentRequestsTest {

    @Test
    void rewritesPostsIntoPutsByUuidAndKeepsFullUrlsAndReferences() {
        ObjectNode bundle = TestBundles.synthea();

        int rewritten = new IdempotentRequests().apply(bundle);

        assertEquals(6, rewritten);
        JsonNode encounter = bundle.path("entry").get(1);
        assertEquals("PUT", encounter.path("request").path("method").asText());
        assertEquals(
                "Encounter/11111111-aaaa-bbbb-cccc-000000000002",
                encounter.path("request").path("url").asText());
        assertEquals(TestBundles.ENCOUNTER, encounter.path("fullUrl").asText());
        assertEquals(
                TestBundles.PATIENT,
                encounter.path("resource").path("subject").path("reference").asText());
    }

    @Test
    void storesInformationResourcesByTheirBusinessIdentifierAndMakesATransaction() throws Exception {
        ObjectNode bundle = (ObjectNode) TestBundles.MAPPER.readTree("""
        {"resourceType": "Bundle", "type": "batch", "entry": [
          {"fullUrl": "urn:uuid:74ab949d-17ac-3309-83a0-13b4405c66aa",
           "resource": {"resourceType": "Organization", "id": "74ab949d-17ac-3309-83a0-13b4405c66aa"},
           "request": {"method": "POST", "url": "Organization",
                       "ifNoneExist": "identifier=https://github.com/synthetichealth/synthea|74ab949d"}},
          {"fullUrl": "urn:uuid:7717172d-3a12-35fe-b11c-374aebcfa831",
           "resource": {"resourceType": "Practitioner",
                        "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi", "value": "9999959197"}]},
           "request": {"method": "POST", "url": "Practitioner"}}
        ]}""");

        assertEquals(2, new IdempotentRequests().apply(bundle));

        assertEquals("transaction", bundle.path("type").asText());
        JsonNode organization = bundle.path("entry").get(0);
        assertEquals("PUT", organization.path("request").path("method").asText());
        assertEquals(
                "Organization?identifier=https://github.com/synthetichealth/synthea|74ab949d",
                organization.path("request").path("url").asText());
        assertFalse(organization.path("request").has("ifNoneExist"));
        // The server keeps the id of the resource the identifier matches (or assigns one): no id in the body.
        assertFalse(organization.path("resource").has("id"));
        assertEquals(
                "urn:uuid:74ab949d-17ac-3309-83a0-13b4405c66aa",
                organization.path("fullUrl").asText());
        JsonNode practitioner = bundle.path("entry").get(1);
        assertEquals(
                "Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999959197",
                practitioner.path("request").path("url").asText());
    }

    @Test
    void twoPopulationsNamingOnePractitionerUpdateTheSameResource() throws Exception {
        // Synthea gives the same NPI different resource ids in different runs.
        String first = practitionerBundle("7717172d-3a12-35fe-b11c-374aebcfa831");
        String second = practitionerBundle("0b4c1d22-9e7f-3a55-8f00-2d9e3c1a7b11");
        ObjectNode a = (ObjectNode) TestBundles.MAPPER.readTree(first);
        ObjectNode b = (ObjectNode) TestBundles.MAPPER.readTree(second);

        new IdempotentRequests().apply(a);
        new IdempotentRequests().apply(b);

        assertEquals(
                a.path("entry").get(0).path("request"), b.path("entry").get(0).path("request"));
    }

    @Test
    void informationResourcesWithoutIdentifierFallBackToTheirUuid() throws Exception {
        ObjectNode bundle = (ObjectNode) TestBundles.MAPPER.readTree("""
        {"resourceType": "Bundle", "type": "batch", "entry": [
          {"fullUrl": "urn:uuid:5c3f0a8e-1111-2222-3333-444455556666",
           "resource": {"resourceType": "PractitionerRole"}, "request": {"method": "POST", "url": "PractitionerRole"}}
        ]}""");

        new IdempotentRequests().apply(bundle);

        assertEquals(
                "PractitionerRole/5c3f0a8e-1111-2222-3333-444455556666",
                bundle.path("entry").get(0).path("request").path("url").asText());
    }

    private static String practitionerBundle(String uuid) {
        return """
        {"resourceType": "Bundle", "type": "batch", "entry": [
          {"fullUrl": "urn:uuid:%s",
           "resource": {"resourceType": "Practitioner", "id": "%s",
                        "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi", "value": "9999959197"}]},
           "request": {"method": "POST", "url": "Practitioner",
                       "ifNoneExist": "identifier=http://hl7.org/fhir/sid/us-npi|9999959197"}}
        ]}""".formatted(uuid, uuid);
    }

    @Test
    void leavesEntriesAloneThatAreNotCreatesOrHaveNoUuid() throws Exception {
        ObjectNode bundle = (ObjectNode) TestBundles.MAPPER.readTree("""
        {"resourceType": "Bundle", "type": "transaction", "entry": [
          {"resource": {"resourceType": "Patient", "id": "p1"}, "request": {"method": "PUT", "url": "Patient/p1"}},
          {"fullUrl": "http://example.org/fhir/Basic/b", "resource": {"resourceType": "Basic"},
           "request": {"method": "POST", "url": "Basic"}}
        ]}""");

        assertEquals(0, new IdempotentRequests().apply(bundle));
        assertEquals(
                "POST",
                bundle.path("entry").get(1).path("request").path("method").asText());
    }
}
