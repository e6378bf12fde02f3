package org.transitionnet.loader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Synthea-shaped transaction: patient, encounter, claim, EOB, observation and provenance. */
public final class TestBundles {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    public static final String PATIENT = "urn:uuid:11111111-aaaa-bbbb-cccc-000000000001";
    public static final String ENCOUNTER = "urn:uuid:11111111-aaaa-bbbb-cccc-000000000002";
    public static final String CLAIM = "urn:uuid:11111111-aaaa-bbbb-cccc-000000000003";
    public static final String EOB = "urn:uuid:11111111-aaaa-bbbb-cccc-000000000004";
    public static final String OBSERVATION = "urn:uuid:11111111-aaaa-bbbb-cccc-000000000005";
    public static final String PROVENANCE = "urn:uuid:11111111-aaaa-bbbb-cccc-000000000006";

    private TestBundles() {}

    public static ObjectNode synthea() {
        String json = """
        {"resourceType": "Bundle", "type": "transaction", "entry": [
          %s, %s, %s, %s, %s, %s
        ]}""".formatted(
                        entry(PATIENT, "Patient", "{}"),
                        entry(ENCOUNTER, "Encounter", """
            {"subject": {"reference": "%s"},
             "serviceProvider": {"reference": "Organization?identifier=https://github.com/synthetichealth/synthea|x"}}""".formatted(PATIENT)),
                        entry(CLAIM, "Claim", """
            {"patient": {"reference": "%s"}, "item": [{"encounter": [{"reference": "%s"}]}],
             "contained": [{"resourceType": "Coverage", "id": "coverage"}],
             "insurance": [{"coverage": {"reference": "#coverage"}}]}""".formatted(PATIENT, ENCOUNTER)),
                        entry(EOB, "ExplanationOfBenefit", """
            {"patient": {"reference": "%s"}, "claim": {"reference": "%s"}}""".formatted(PATIENT, CLAIM)),
                        entry(OBSERVATION, "Observation", """
            {"subject": {"reference": "%s"}, "encounter": {"reference": "%s"}}""".formatted(PATIENT, ENCOUNTER)),
                        entry(PROVENANCE, "Provenance", """
            {"target": [{"reference": "%s"}, {"reference": "%s"}, {"reference": "%s"}, {"reference": "%s"}]}""".formatted(PATIENT, CLAIM, EOB, OBSERVATION)));
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String entry(String fullUrl, String type, String body) {
        String id = fullUrl.substring("urn:uuid:".length());
        String fields = body.strip();
        String resource = "{\"resourceType\": \"%s\", \"id\": \"%s\"%s"
                .formatted(type, id, fields.equals("{}") ? "}" : ", " + fields.substring(1));
        return """
        {"fullUrl": "%s", "resource": %s, "request": {"method": "POST", "url": "%s"}}""".formatted(fullUrl, resource, type);
    }
}
