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
    assertEquals("Encounter/11111111-aaaa-bbbb-cccc-000000000002", encounter.path("request").path("url").asText());
    assertEquals(TestBundles.ENCOUNTER, encounter.path("fullUrl").asText());
    assertEquals(TestBundles.PATIENT, encounter.path("resource").path("subject").path("reference").asText());
  }

  @Test
  void turnsConditionalCreatesOfInformationBundlesIntoUpdatesAndMakesATransaction() throws Exception {
    ObjectNode bundle = (ObjectNode) TestBundles.MAPPER.readTree("""
        {"resourceType": "Bundle", "type": "batch", "entry": [
          {"fullUrl": "urn:uuid:74ab949d-17ac-3309-83a0-13b4405c66aa",
           "resource": {"resourceType": "Organization"},
           "request": {"method": "POST", "url": "Organization",
                       "ifNoneExist": "identifier=https://github.com/synthetichealth/synthea|74ab949d"}}
        ]}""");

    new IdempotentRequests().apply(bundle);

    assertEquals("transaction", bundle.path("type").asText());
    JsonNode entry = bundle.path("entry").get(0);
    assertEquals("Organization/74ab949d-17ac-3309-83a0-13b4405c66aa", entry.path("request").path("url").asText());
    assertFalse(entry.path("request").has("ifNoneExist"));
    assertEquals("74ab949d-17ac-3309-83a0-13b4405c66aa", entry.path("resource").path("id").asText());
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
    assertEquals("POST", bundle.path("entry").get(1).path("request").path("method").asText());
  }
}
