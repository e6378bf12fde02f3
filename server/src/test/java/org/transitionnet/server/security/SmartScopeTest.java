package org.transitionnet.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.transitionnet.server.security.SmartScope.Permission.C;
import static org.transitionnet.server.security.SmartScope.Permission.D;
import static org.transitionnet.server.security.SmartScope.Permission.R;
import static org.transitionnet.server.security.SmartScope.Permission.S;
import static org.transitionnet.server.security.SmartScope.Permission.U;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class SmartScopeTest {

    @Test
    void v1ScopesMapToV2Permissions() {
        assertThat(SmartScope.parse("patient/Observation.read").orElseThrow().permissions())
                .isEqualTo(EnumSet.of(R, S));
        assertThat(SmartScope.parse("user/*.write").orElseThrow().permissions()).isEqualTo(EnumSet.of(C, U, D));
        assertThat(SmartScope.parse("system/*.*").orElseThrow().permissions())
                .isEqualTo(EnumSet.allOf(SmartScope.Permission.class));
    }

    @Test
    void v2ScopesGrantExactlyTheirLetters() {
        SmartScope scope = SmartScope.parse("patient/Observation.rs").orElseThrow();
        assertThat(scope.context()).isEqualTo(SmartScope.Context.PATIENT);
        assertThat(scope.resourceType()).isEqualTo("Observation");
        assertThat(scope.permissions()).isEqualTo(EnumSet.of(R, S));
        assertThat(SmartScope.parse("user/Patient.cud").orElseThrow().permissions())
                .isEqualTo(EnumSet.of(C, U, D));
    }

    @Test
    void queryRestrictedScopeKeepsItsQuery() {
        SmartScope scope =
                SmartScope.parse("patient/Observation.rs?category=laboratory").orElseThrow();
        assertThat(scope.query()).isEqualTo("category=laboratory");
    }

    @Test
    void malformedScopesGrantNothing() {
        assertThat(SmartScope.parse("patient/Observation.sr")).isEmpty();
        assertThat(SmartScope.parse("patient/Observation.rr")).isEmpty();
        assertThat(SmartScope.parse("patient/Observation.x")).isEmpty();
        assertThat(SmartScope.parse("patient/Observation.read?category=laboratory"))
                .isEmpty();
        assertThat(SmartScope.parse("clinic/Observation.rs")).isEmpty();
        assertThat(SmartScope.parse("launch/patient")).isEmpty();
        assertThat(SmartScope.parse("openid")).isEmpty();
    }

    @Test
    void benchmarkScopesAreNoClinicalScopes() {
        for (String scope : List.of("benchmark/*.read", "benchmark/*.submit", "benchmark/*.build")) {
            assertThat(SmartScope.parse(scope)).as(scope).isEmpty();
            assertThat(ProductScope.parse(scope).map(ProductScope::toString))
                    .as(scope)
                    .contains(scope);
        }
        assertThat(ProductScope.parse("benchmark/*.write")).isEmpty();
        assertThat(ProductScope.parse("benchmark/Observation.read")).isEmpty();
        assertThat(ProductScope.parse("system/Observation.rs")).isEmpty();
        assertThat(ProductScope.parse(null)).isEmpty();
    }

    @Test
    void aTokensBenchmarkScopesAreKeptApartFromItsClinicalOnes() {
        Jwt jwt = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .claim("client_id", "benchmark-researcher")
                .claim("scope", "benchmark/*.read benchmark/*.submit system/Observation.rs launch/patient")
                .build();
        SmartAccessToken token = SmartAccessToken.from(jwt);
        assertThat(token.productScopes()).containsExactly(ProductScope.BENCHMARK_READ, ProductScope.BENCHMARK_SUBMIT);
        assertThat(token.scopes()).extracting(SmartScope::resourceType).containsExactly("Observation");
    }

    @Test
    void onlyFullSystemScopeIsAdministrative() {
        assertThat(SmartRules.isFullSystemAccess(
                        SmartScope.parse("system/*.cruds").orElseThrow()))
                .isTrue();
        assertThat(SmartRules.isFullSystemAccess(SmartScope.parse("system/*.rs").orElseThrow()))
                .isFalse();
        assertThat(SmartRules.isFullSystemAccess(
                        SmartScope.parse("user/*.cruds").orElseThrow()))
                .isFalse();
    }
}
