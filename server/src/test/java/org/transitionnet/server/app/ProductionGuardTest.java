package org.transitionnet.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

class ProductionGuardTest {

    @Test
    void aProductionConfigurationPasses() {
        assertThat(ProductionGuard.problems(production())).isEmpty();
    }

    @Test
    void theShippedConfigurationWithTheProductionProfileAloneIsRefusedForEachMissingSetting() throws IOException {
        StandardEnvironment environment = shipped("application.yaml", "application-production.yaml");

        assertThat(ProductionGuard.problems(environment))
                .satisfiesExactlyInAnyOrder(
                        p -> assertThat(p).startsWith("spring.datasource.url must name your PostgreSQL"),
                        p -> assertThat(p).startsWith("transitionnet.security.issuer must name the token issuer"),
                        p -> assertThat(p).contains("built-in default"));
    }

    @Test
    void everyQuickStartDemoSettingIsRefused() throws IOException {
        // What an operator gets who adds the production profile to the quick start's settings.
        StandardEnvironment environment = shipped("application.yaml", "application-quickstart.yaml");
        environment
                .getPropertySources()
                .addFirst(new org.springframework.core.env.MapPropertySource(
                        "operator",
                        java.util.Map.of("spring.datasource.url", "jdbc:postgresql://db:5432/transitionnet")));

        assertThat(ProductionGuard.problems(environment))
                .containsExactlyInAnyOrder(
                        "transitionnet.db.embedded.enabled must be false (the embedded PostgreSQL is for the quick start)",
                        "transitionnet.sample-data.enabled must be false",
                        "transitionnet.deid.key is the quick start's demo key; set TRANSITIONNET_DEID_KEY from a secret store",
                        "the demo user 'clinician' with its public password is configured",
                        "client 'dev-cli' has the demo client secret");
    }

    @Test
    void theComposeFilesDemoSigningKeyIsRefused() {
        MockEnvironment environment = production()
                .withProperty("transitionnet.security.authorization-server.enabled", "true")
                .withProperty(
                        "transitionnet.security.authorization-server.signing-key",
                        "file:../docker/demo-signing-key.json");

        assertThat(ProductionGuard.problems(environment))
                .containsExactly(
                        "transitionnet.security.authorization-server.signing-key is the public demo key (file:../docker/demo-signing-key.json)");
        assertThat(ProductionGuard.problems(
                        production().withProperty("transitionnet.security.authorization-server.enabled", "true")))
                .isEmpty();
    }

    @Test
    void h2SecurityOffAndAShortKeyAreRefused() {
        MockEnvironment environment = production()
                .withProperty("spring.datasource.url", "jdbc:h2:file:./data/transitionnet")
                .withProperty("transitionnet.security.enabled", "false")
                .withProperty("transitionnet.deid.key", "short");

        assertThat(ProductionGuard.problems(environment))
                .hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("jdbc:h2:file"))
                .contains("transitionnet.security.enabled must be true")
                .anySatisfy(p -> assertThat(p).contains("shorter than 32"));
    }

    @Test
    void theGuardStopsTheStartWithEveryProblemNamed() {
        ProductionGuard guard = new ProductionGuard(new MockEnvironment());

        assertThatThrownBy(() -> guard.postProcessBeanFactory(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refuses to start")
                .hasMessageContaining("spring.datasource.url")
                .hasMessageContaining("transitionnet.security.issuer")
                .hasMessageContaining("transitionnet.deid.key");
    }

    private static MockEnvironment production() {
        return new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/transitionnet")
                .withProperty("transitionnet.security.issuer", "https://fhir.example.org")
                .withProperty("transitionnet.deid.key", "a-real-secret-from-a-secret-store-0123456789");
    }

    /** The server's own configuration files, in Boot's order (later files win). */
    private static StandardEnvironment shipped(String... files) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
        for (String file : files) {
            List<PropertySource<?>> sources = loader.load(file, new ClassPathResource(file));
            sources.forEach(source -> environment.getPropertySources().addFirst(source));
        }
        return environment;
    }
}
