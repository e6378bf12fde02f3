package org.transitionnet.server.ig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.transitionnet.server.support.ServerTestBase;

/**
 * An IG package is stored once per name and version: installing the same bytes again writes nothing (HAPI alone
 * would store another package Binary each time), a new version is installed next to the old one, and a rebuilt
 * package under an unchanged version replaces the stored one and updates its conformance resources.
 * Uses a tiny package of its own (one CodeSystem), so the server's IG stays as it is.
 */
class ImplementationGuideInstallerIT extends ServerTestBase {

    private static final String NAME = "transitionnet.test.installer";
    private static final String CODE_SYSTEM = "http://transitionnet.org/fhir/test/CodeSystem/installer-test";

    @Autowired
    ImplementationGuideInstaller installer;

    @Autowired
    ImplementationGuidePackage serverIg;

    @Test
    void theServersOwnIgIsStoredOnceAndFoundInstalledAgain() {
        assertThat(versions(serverIg.name())).containsExactly(serverIg.version());
        long binaries = binaries();

        assertThat(installer.install(serverIg)).isEqualTo(ImplementationGuideInstaller.Outcome.ALREADY_INSTALLED);

        assertThat(binaries()).isEqualTo(binaries);
        assertThat(versions(serverIg.name())).containsExactly(serverIg.version());
    }

    @Test
    void samePackageTwiceStoresOnceAndANewVersionIsInstalledNextToIt() throws IOException {
        ImplementationGuidePackage v1 = tinyPackage("0.0.1", "First");
        long before = binaries();

        assertThat(installer.install(v1)).isEqualTo(ImplementationGuideInstaller.Outcome.INSTALLED);
        long afterFirst = binaries();
        assertThat(afterFirst).as("the package and its one resource").isEqualTo(before + 2);
        assertThat(installer.install(v1)).isEqualTo(ImplementationGuideInstaller.Outcome.ALREADY_INSTALLED);
        assertThat(binaries()).isEqualTo(afterFirst);
        assertThat(versions(NAME)).containsExactly("0.0.1");
        assertThat(installedTitle("0.0.1")).isEqualTo("First");

        ImplementationGuidePackage v2 = tinyPackage("0.0.2", "Second");
        assertThat(installer.install(v2)).isEqualTo(ImplementationGuideInstaller.Outcome.INSTALLED);
        assertThat(versions(NAME)).containsExactly("0.0.1", "0.0.2");
        assertThat(binaries()).isEqualTo(afterFirst + 2);
        assertThat(installedTitle("0.0.2")).isEqualTo("Second");
        assertThat(installedTitle("0.0.1"))
                .as("canonical resources of each version are kept")
                .isEqualTo("First");

        // Rebuilt without raising the version: the stored package is replaced, not stored a second time.
        ImplementationGuidePackage v2Rebuilt = tinyPackage("0.0.2", "Second, rebuilt");
        assertThat(installer.install(v2Rebuilt)).isEqualTo(ImplementationGuideInstaller.Outcome.REPLACED);
        assertThat(versions(NAME)).containsExactly("0.0.1", "0.0.2");
        assertThat(binaries()).isEqualTo(afterFirst + 2);
        assertThat(installedTitle("0.0.2")).isEqualTo("Second, rebuilt");
        assertThat(installer.install(v2Rebuilt)).isEqualTo(ImplementationGuideInstaller.Outcome.ALREADY_INSTALLED);
    }

    private List<String> versions(String name) {
        return jdbc.queryForList(
                "SELECT version_id FROM npm_package_ver WHERE package_id = ? ORDER BY version_id", String.class, name);
    }

    private long binaries() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM hfj_resource WHERE res_type = 'Binary' AND res_deleted_at IS NULL", Long.class);
    }

    /** The title of the installed CodeSystem of that version (HAPI keeps one resource per canonical URL and version). */
    private String installedTitle(String version) {
        Bundle found = client.search()
                .forResource(CodeSystem.class)
                .where(CodeSystem.URL.matches().value(CODE_SYSTEM))
                .and(CodeSystem.VERSION.exactly().code(version))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(found.getEntry()).hasSize(1);
        return ((CodeSystem) found.getEntryFirstRep().getResource()).getTitle();
    }

    /** A FHIR NPM package with one CodeSystem whose title tells the builds apart. */
    private static ImplementationGuidePackage tinyPackage(String version, String title) throws IOException {
        String manifest = """
				{"name":"%s","version":"%s","type":"fhir.ig","fhirVersions":["4.0.1"],
				 "dependencies":{"hl7.fhir.r4.core":"4.0.1"},"description":"Installer test package"}""".formatted(NAME, version);
        String codeSystem = """
				{"resourceType":"CodeSystem","id":"installer-test","url":"%s","version":"%s","name":"InstallerTest",
				 "title":"%s","status":"active","content":"complete","concept":[{"code":"a","display":"A"}]}""".formatted(CODE_SYSTEM, version, title);
        String index = """
				{"index-version":1,"files":[{"filename":"CodeSystem-installer-test.json","resourceType":"CodeSystem",
				 "id":"installer-test","url":"%s","version":"%s"}]}""".formatted(CODE_SYSTEM, version);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            add(tar, "package/package.json", manifest);
            add(tar, "package/.index.json", index);
            add(tar, "package/CodeSystem-installer-test.json", codeSystem);
        }
        return ImplementationGuidePackage.read(new ByteArrayResource(bytes.toByteArray()));
    }

    private static void add(TarArchiveOutputStream tar, String path, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(path);
        entry.setSize(data.length);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
    }
}
