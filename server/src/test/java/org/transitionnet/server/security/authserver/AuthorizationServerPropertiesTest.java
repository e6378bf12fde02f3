package org.transitionnet.server.security.authserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Client registrations of the embedded authorization server: a benchmark submitter reaches no clinical record. */
class AuthorizationServerPropertiesTest {

    @Test
    void aClientThatSubmitsBenchmarkPredictionsMayHoldNoClinicalScope() {
        for (String clinical :
                List.of("system/Observation.rs", "user/*.rs", "patient/Observation.rs", "system/*.cruds")) {
            assertThatThrownBy(() -> client(List.of("benchmark/*.read", "benchmark/*.submit", clinical)))
                    .as(clinical)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("researcher")
                    .hasMessageContaining(clinical)
                    .hasMessageContaining("benchmark/*.submit");
        }
    }

    @Test
    void benchmarkScopesAloneAndClinicalScopesWithoutSubmitAreRegistered() {
        assertThat(client(List.of("benchmark/*.read", "benchmark/*.submit")).scopes())
                .hasSize(2);
        assertThat(client(List.of("benchmark/*.build", "benchmark/*.read", "system/*.rs"))
                        .scopes())
                .hasSize(3);
        assertThat(client(List.of("openid", "fhirUser", "benchmark/*.read")).scopes())
                .hasSize(3);
    }

    private static AuthorizationServerProperties.Client client(List<String> scopes) {
        return new AuthorizationServerProperties.Client("researcher", "", "secret", List.of(), scopes, "");
    }
}
