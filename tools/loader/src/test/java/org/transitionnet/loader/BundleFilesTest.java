package org.transitionnet.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleFilesTest {

    @TempDir
    Path dir;

    @Test
    void ordersInformationBundlesFirstAndUsesTheFhirSubfolder() throws Exception {
        Path fhir = Files.createDirectory(dir.resolve("fhir"));
        for (String name : List.of(
                "Zed_1.json",
                "practitionerInformation1.json",
                "Amy_2.json.gz",
                "hospitalInformation1.json",
                "notes.txt")) {
            Files.writeString(fhir.resolve(name), "{}");
        }

        BundleFiles.InputSet input = BundleFiles.scan(dir);

        assertEquals(
                List.of("hospitalInformation1.json", "practitionerInformation1.json"),
                input.informationBundles().stream()
                        .map(p -> p.getFileName().toString())
                        .toList());
        assertEquals(
                List.of("Amy_2.json.gz", "Zed_1.json"),
                input.patientBundles().stream()
                        .map(p -> p.getFileName().toString())
                        .toList());
    }

    @Test
    void readsGzippedBundles() throws Exception {
        Path file = dir.resolve("p.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("{\"resourceType\":\"Bundle\"}".getBytes(StandardCharsets.UTF_8));
        }

        ObjectNode bundle = BundleFiles.read(file, TestBundles.MAPPER);

        assertEquals("Bundle", bundle.path("resourceType").asText());
    }
}
