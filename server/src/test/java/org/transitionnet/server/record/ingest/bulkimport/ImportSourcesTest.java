package org.transitionnet.server.record.ingest.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImportSourcesTest {

    private final ImportSources sources =
            new ImportSources(List.of("http://localhost:8091/ndjson", "https://files.example.org"));

    @Test
    void urlsUnderAnEntryAreAllowed() {
        assertThat(sources.refusal("http://localhost:8091/ndjson/wave-0-Patient.ndjson"))
                .isEmpty();
        assertThat(sources.refusal("http://LOCALHOST:8091/ndjson/a/b.ndjson")).isEmpty();
        assertThat(sources.refusal("https://files.example.org/any/where.ndjson"))
                .isEmpty();
        assertThat(sources.refusal("https://files.example.org:443/x.ndjson")).isEmpty();
    }

    @Test
    void everythingElseIsRefused() {
        for (String url : List.of(
                "http://localhost:8092/ndjson/x.ndjson", // other port
                "https://localhost:8091/ndjson/x.ndjson", // other scheme
                "http://localhost:8091/ndjsonx/x.ndjson", // path prefix not at a segment boundary
                "http://localhost:8091/other/x.ndjson",
                "http://localhost:8091/ndjson/../actuator/env", // climbs out
                "http://localhost:8091/ndjson/%2e%2e/actuator/env",
                "http://user@localhost:8091/ndjson/x.ndjson",
                "http://files.example.org/x.ndjson", // https only for that entry
                "https://files.example.org.evil.test/x.ndjson",
                "http://169.254.169.254/latest/meta-data/",
                "file:///etc/passwd",
                "ftp://localhost:8091/ndjson/x",
                "not a url")) {
            assertThat(sources.refusal(url)).as(url).isPresent();
        }
    }

    @Test
    void noEntriesRefuseEverythingAndSayWhy() {
        assertThat(new ImportSources(List.of()).refusal("http://localhost:8091/ndjson/x.ndjson"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("import-allowed-sources is empty"));
    }

    @Test
    void entriesMustBeHttpBaseUrls() {
        assertThatThrownBy(() -> new ImportSources(List.of("file:///data")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImportSources(List.of("http://localhost/x?y=1")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
