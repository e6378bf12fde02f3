package org.transitionnet.loader.ndjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transitionnet.loader.BundleFiles;
import org.transitionnet.loader.LoaderOptions;
import org.transitionnet.loader.TestBundles;
import org.transitionnet.loader.TypeExclusion;

class NdjsonConverterTest {

    private static final String ORGANIZATION = "22222222-aaaa-bbbb-cccc-000000000001";
    private static final String LOCATION = "22222222-aaaa-bbbb-cccc-000000000002";

    @TempDir
    Path dir;

    @Test
    void everyReferenceResolvesToTheIdItsTargetIsImportedUnder() throws Exception {
        NdjsonConverter.Result result = convert(LoaderOptions.DEFAULT_EXCLUDED_TYPES);
        Map<String, JsonNode> byKey = read(result);

        assertEquals(
                Set.of(
                        "Organization/" + ORGANIZATION,
                        "Location/" + LOCATION,
                        "Patient/" + uuid(TestBundles.PATIENT),
                        "Encounter/" + uuid(TestBundles.ENCOUNTER),
                        "Observation/" + uuid(TestBundles.OBSERVATION),
                        "Provenance/" + uuid(TestBundles.PROVENANCE)),
                byKey.keySet());
        JsonNode encounter = byKey.get("Encounter/" + uuid(TestBundles.ENCOUNTER));
        assertEquals(
                "Patient/" + uuid(TestBundles.PATIENT),
                encounter.at("/subject/reference").asText());
        assertEquals(
                "Organization/" + ORGANIZATION,
                encounter.at("/serviceProvider/reference").asText(),
                "the conditional reference names the organization's id");
        assertEquals(
                "Organization/" + ORGANIZATION,
                byKey.get("Location/" + LOCATION)
                        .at("/managingOrganization/reference")
                        .asText());
        JsonNode provenance = byKey.get("Provenance/" + uuid(TestBundles.PROVENANCE));
        assertEquals(2, provenance.path("target").size(), "references to excluded Claim and EOB are pruned");
        for (JsonNode resource : byKey.values()) {
            assertFalse(resource.toString().contains("urn:uuid:"), resource.toString());
            assertFalse(resource.toString().contains("?identifier="), resource.toString());
        }
        assertEquals(0, result.unresolvedReferences());
        assertEquals(Map.of("Claim", 1, "ExplanationOfBenefit", 1), result.excluded());
    }

    @Test
    void nothingIsInAnEarlierWaveThanWhatItReferences() throws Exception {
        NdjsonConverter.Result result = convert(LoaderOptions.DEFAULT_EXCLUDED_TYPES);
        Map<String, Integer> waveOf = new HashMap<>();
        for (NdjsonConverter.NdjsonFile file : result.files()) {
            assertTrue(
                    file.path().getFileName().toString().equals("wave-" + file.wave() + "-" + file.type() + ".ndjson"));
            waveOf.put(file.type(), file.wave());
        }
        assertEquals(
                Map.of(
                        "Organization",
                        0,
                        "Patient",
                        0,
                        "Location",
                        1,
                        "Encounter",
                        1,
                        "Observation",
                        2,
                        "Provenance",
                        3),
                waveOf);
        assertEquals(4, result.waves());
        assertEquals(6, result.resources());
        assertEquals(
                Map.of(
                        "Encounter",
                        1L,
                        "Location",
                        1L,
                        "Observation",
                        1L,
                        "Organization",
                        1L,
                        "Patient",
                        1L,
                        "Provenance",
                        1L),
                result.perType());
    }

    @Test
    void withoutExclusionsClaimsAreConvertedAndAReferenceNothingMatchesIsCounted() throws Exception {
        ObjectNode patients = TestBundles.synthea();
        ((ObjectNode) patients.at("/entry/4/resource"))
                .putObject("performer")
                .put("reference", "Practitioner?identifier=nobody|1");
        NdjsonConverter.Result result = convert(Set.of(), patients);
        assertEquals(1L, result.perType().get("Claim"));
        assertEquals(1L, result.perType().get("ExplanationOfBenefit"));
        assertEquals(1, result.unresolvedReferences());
    }

    private NdjsonConverter.Result convert(Set<String> excluded) throws Exception {
        return convert(excluded, TestBundles.synthea());
    }

    private NdjsonConverter.Result convert(Set<String> excluded, ObjectNode patientBundle) throws Exception {
        Path input = Files.createDirectories(dir.resolve("input"));
        Files.writeString(input.resolve("hospitalInformation1.json"), """
        {"resourceType": "Bundle", "type": "batch", "entry": [
          {"fullUrl": "urn:uuid:%s", "resource": {"resourceType": "Location", "id": "%s",
            "managingOrganization": {"reference": "Organization?identifier=https://github.com/synthetichealth/synthea|x"}},
           "request": {"method": "POST", "url": "Location", "ifNoneExist": "identifier=https://github.com/synthetichealth/synthea|loc"}},
          {"fullUrl": "urn:uuid:%s", "resource": {"resourceType": "Organization", "id": "%s",
            "identifier": [{"system": "https://github.com/synthetichealth/synthea", "value": "x"}]},
           "request": {"method": "POST", "url": "Organization"}}
        ]}""".formatted(
                        LOCATION, LOCATION, ORGANIZATION, ORGANIZATION));
        Files.writeString(input.resolve("Some_Patient.json"), TestBundles.MAPPER.writeValueAsString(patientBundle));
        return new NdjsonConverter(TestBundles.MAPPER, new TypeExclusion(excluded), dir.resolve("out"))
                .convert(BundleFiles.scan(input));
    }

    private static Map<String, JsonNode> read(NdjsonConverter.Result result) throws Exception {
        Map<String, JsonNode> byKey = new HashMap<>();
        for (NdjsonConverter.NdjsonFile file : result.files()) {
            List<String> lines = Files.readAllLines(file.path());
            assertEquals(file.lines(), lines.size());
            for (String line : lines) {
                JsonNode resource = TestBundles.MAPPER.readTree(line);
                assertEquals(file.type(), resource.path("resourceType").asText());
                byKey.put(
                        resource.path("resourceType").asText() + "/"
                                + resource.path("id").asText(),
                        resource);
            }
        }
        return byKey;
    }

    private static String uuid(String urn) {
        return urn.substring("urn:uuid:".length());
    }
}
