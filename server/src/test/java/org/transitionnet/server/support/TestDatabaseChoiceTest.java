package org.transitionnet.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestDatabaseChoiceTest {

    private final List<String> asked = new ArrayList<>();

    @Test
    void anExplicitUrlWinsWithoutAskingDockerOrTheLocalServer() {
        assertThat(choose(null, "jdbc:postgresql://db:5432/x", true, true)).isEqualTo(TestDatabaseChoice.EXPLICIT);
        assertThat(asked).isEmpty();
    }

    @Test
    void dockerComesBeforeTheLocalServer() {
        assertThat(choose(null, null, true, true)).isEqualTo(TestDatabaseChoice.TESTCONTAINERS);
        assertThat(asked).containsExactly("docker");
    }

    @Test
    void theLocalServerIsUsedWhenItAnswers() {
        assertThat(choose(null, "", false, true)).isEqualTo(TestDatabaseChoice.LOCAL_SERVER);
        assertThat(asked).containsExactly("docker", TestDatabaseChoice.LOCAL_URL);
    }

    @Test
    void withNothingAtAllTheTestsStartAnEmbeddedPostgres() {
        assertThat(choose(null, null, false, false)).isEqualTo(TestDatabaseChoice.EMBEDDED);
        assertThat(TestDatabaseChoice.EMBEDDED.description()).contains("embedded PostgreSQL 16");
    }

    @Test
    void theEmbeddedDatabaseCanBeAskedForDirectly() {
        assertThat(choose("embedded", "jdbc:postgresql://db:5432/x", true, true))
                .isEqualTo(TestDatabaseChoice.EMBEDDED);
        assertThat(asked).isEmpty();
    }

    private TestDatabaseChoice choose(String forced, String explicitUrl, boolean docker, boolean localAnswers) {
        return TestDatabaseChoice.choose(
                forced,
                explicitUrl,
                () -> {
                    asked.add("docker");
                    return docker;
                },
                url -> {
                    asked.add(url);
                    return localAnswers;
                });
    }
}
