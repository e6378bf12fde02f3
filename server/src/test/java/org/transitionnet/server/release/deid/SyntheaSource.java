package org.transitionnet.server.release.deid;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/** The committed Synthea fixture patients, read straight from the test resources (no server). */
public final class SyntheaSource {

    public static final String[] FILES = {
        "Enrique929_Schimmel440_b0fc3374-c40b-8591-0cc4-d6ffc383e5a4.json.gz",
        "Cleotilde229_Kali995_Kutch271_38cc48b8-cb44-1e20-32e8-5b7e5d4bae20.json.gz",
        "Brock407_Hintz995_40bef2fb-ee47-4089-b99b-1c6bc43fe217.json.gz"
    };

    /** One patient's resources. */
    public record PatientFile(Patient patient, List<Resource> resources) {
        public String patientId() {
            return patient.getIdElement().getIdPart();
        }
    }

    private SyntheaSource() {}

    public static List<PatientFile> patients(FhirContext ctx) {
        List<PatientFile> files = new ArrayList<>();
        for (String name : FILES) {
            try (InputStream in =
                    new GZIPInputStream(SyntheaSource.class.getResourceAsStream("/fixtures/synthea/" + name))) {
                Bundle bundle = ctx.newJsonParser().parseResource(Bundle.class, in);
                List<Resource> resources = new ArrayList<>();
                Patient patient = null;
                // As the server stores them: ids without the urn:uuid: prefix, references as Type/id.
                java.util.Map<String, String> byUrn = new java.util.HashMap<>();
                for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
                    String uuid = e.getFullUrl().substring("urn:uuid:".length());
                    e.getResource().setId(uuid);
                    byUrn.put(e.getFullUrl(), e.getResource().fhirType() + "/" + uuid);
                }
                for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
                    Resource r = e.getResource();
                    for (org.hl7.fhir.r4.model.Reference ref : ctx.newTerser()
                            .getAllPopulatedChildElementsOfType(r, org.hl7.fhir.r4.model.Reference.class)) {
                        if (ref.getReference() != null && byUrn.containsKey(ref.getReference())) {
                            ref.setReference(byUrn.get(ref.getReference()));
                        }
                    }
                    resources.add(r);
                    if (r instanceof Patient p) {
                        patient = p;
                    }
                }
                files.add(new PatientFile(patient, resources));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }
}
