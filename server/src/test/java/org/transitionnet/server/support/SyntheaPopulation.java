package org.transitionnet.server.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * The committed trimmed Synthea population (fixtures/population/README.md: a few dozen generated
 * patients cut down to what derivation and export read), loaded once per test JVM as an EHR would
 * push it, one transaction per patient. For tests that need a population rather than three patients.
 */
public final class SyntheaPopulation {

    /** One patient as generated: its Synthea uuid, its resources, and its id on the test server. */
    public record Member(String uuid, String serverId, List<Resource> source) {
        public Patient patient() {
            return source.stream()
                    .filter(Patient.class::isInstance)
                    .map(Patient.class::cast)
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static List<Member> members;

    private SyntheaPopulation() {}

    public static synchronized List<Member> load(RawHttp http, IGenericClient client, FhirContext ctx) {
        if (members != null) {
            return members;
        }
        List<Member> loaded = new ArrayList<>();
        for (Path file : files()) {
            String json = read(file);
            HttpResponse<String> response = http.post("/", json);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "Loading " + file.getFileName() + " failed: " + response.statusCode() + " " + response.body());
            }
            Bundle bundle = ctx.newJsonParser().parseResource(Bundle.class, json);
            List<Resource> resources = bundle.getEntry().stream()
                    .map(Bundle.BundleEntryComponent::getResource)
                    .toList();
            // The parser takes ids from the entries' urn:uuid full URLs: the Synthea identifier names the patient.
            Patient patient = (Patient) resources.stream()
                    .filter(Patient.class::isInstance)
                    .findFirst()
                    .orElseThrow();
            String uuid = patient.getIdentifier().stream()
                    .filter(i -> SyntheaFixtures.SYNTHEA_IDENTIFIER_SYSTEM.equals(i.getSystem()))
                    .findFirst()
                    .orElseThrow()
                    .getValue();
            Bundle found = client.search()
                    .forResource(Patient.class)
                    .where(Patient.IDENTIFIER.exactly().systemAndCode(SyntheaFixtures.SYNTHEA_IDENTIFIER_SYSTEM, uuid))
                    .returnBundle(Bundle.class)
                    .execute();
            loaded.add(new Member(
                    uuid, found.getEntryFirstRep().getResource().getIdElement().getIdPart(), resources));
        }
        members = loaded;
        return members;
    }

    /** Members by server id. */
    public static Map<String, Member> byServerId(List<Member> members) {
        Map<String, Member> out = new LinkedHashMap<>();
        members.forEach(m -> out.put(m.serverId(), m));
        return out;
    }

    private static List<Path> files() {
        try (Stream<Path> list = Files.list(Path.of(
                SyntheaPopulation.class.getResource("/fixtures/population").toURI()))) {
            return list.filter(p -> p.getFileName().toString().endsWith(".json.gz"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
