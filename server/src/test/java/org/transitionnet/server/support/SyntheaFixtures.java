package org.transitionnet.server.support;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;

/**
 * The committed Synthea fixtures (see fixtures/synthea/README.md), loaded once per test JVM through the
 * REST API exactly as an EHR would push them: the information bundle first, then each patient bundle
 * as one transaction.
 */
public final class SyntheaFixtures {

    public static final String SYNTHEA_IDENTIFIER_SYSTEM = "https://github.com/synthetichealth/synthea";
    /** Metformin started with HbA1c measured before and after. */
    public static final String METFORMIN_PATIENT = "b0fc3374-c40b-8591-0cc4-d6ffc383e5a4";
    /** Simvastatin started with LDL cholesterol measured before and after. */
    public static final String STATIN_PATIENT = "38cc48b8-cb44-1e20-32e8-5b7e5d4bae20";
    /** Neither a glucose-lowering drug nor a statin. */
    public static final String CONTROL_PATIENT = "40bef2fb-ee47-4089-b99b-1c6bc43fe217";

    private static final String[] PATIENT_FILES = {
        "Enrique929_Schimmel440_b0fc3374-c40b-8591-0cc4-d6ffc383e5a4.json.gz",
        "Cleotilde229_Kali995_Kutch271_38cc48b8-cb44-1e20-32e8-5b7e5d4bae20.json.gz",
        "Brock407_Hintz995_40bef2fb-ee47-4089-b99b-1c6bc43fe217.json.gz"
    };

    private static Map<String, String> serverIds;

    private SyntheaFixtures() {}

    /** Loads the fixtures if this JVM has not yet; returns server patient id by Synthea uuid. */
    public static synchronized Map<String, String> load(RawHttp http, IGenericClient client) {
        if (serverIds != null) {
            return serverIds;
        }
        post(http, "information.json.gz");
        for (String file : PATIENT_FILES) {
            post(http, file);
        }
        Map<String, String> ids = new LinkedHashMap<>();
        for (String uuid : new String[] {METFORMIN_PATIENT, STATIN_PATIENT, CONTROL_PATIENT}) {
            Bundle found = client.search()
                    .forResource(Patient.class)
                    .where(Patient.IDENTIFIER.exactly().systemAndCode(SYNTHEA_IDENTIFIER_SYSTEM, uuid))
                    .returnBundle(Bundle.class)
                    .execute();
            ids.put(uuid, found.getEntryFirstRep().getResource().getIdElement().getIdPart());
        }
        serverIds = ids;
        return ids;
    }

    public static String read(String file) {
        try (InputStream in =
                new GZIPInputStream(SyntheaFixtures.class.getResourceAsStream("/fixtures/synthea/" + file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void post(RawHttp http, String file) {
        HttpResponse<String> response = http.post("/", read(file));
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "Loading fixture " + file + " failed: " + response.statusCode() + " " + response.body());
        }
    }
}
