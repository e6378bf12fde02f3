package org.transitionnet.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.transitionnet.server.TransitionNetApplication;

/**
 * Base of the integration tests: one server against the shared test PostgreSQL, with security on and the
 * embedded authorization server enabled (its port is picked once per JVM so the issuer URL is known up front).
 * Every subclass uses exactly this configuration so Spring caches and shares one context.
 * {@link #client} and {@link #http} send a {@code system/*.cruds} token; security tests make their own.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            // Stricter than the default: every profile-tagged write in the tests is validated.
            "transitionnet.ig.enforce-on-write=true",
            "transitionnet.jobs.maintenance-interval-ms=1000",
            "transitionnet.transition.flush-interval-ms=500",
            "transitionnet.security.enabled=true",
            "transitionnet.security.authorization-server.enabled=true",
            // Research export: a test-only key; k may be lowered per export (3 fixture patients only);
            // polls 300 ms apart; the server is its own research registry.
            "transitionnet.deid.key=test-only-deid-key-IT-0123456789abcdef",
            "transitionnet.export.allow-k-override=true",
            "transitionnet.export.min-poll-interval=300ms",
            "transitionnet.export.registry-url=http://localhost:${local.server.port}/fhir",
            // Benchmark: a fixture population of a few patients publishes only with the server's k and held-out record
            // minimum
            // at 1, and only as a demonstration version (a build lowering _minHeldOutSubjects below a task's).
            "transitionnet.benchmark.k=1",
            "transitionnet.benchmark.min-held-out-records=1",
            "transitionnet.benchmark.allow-demonstration-versions=true"
        })
// Any active profile replaces the default quick-start profile: no embedded database, demo users or sample data.
@ActiveProfiles("integration-test")
public abstract class ServerTestBase {

    @LocalServerPort
    protected int port;

    @Autowired
    protected FhirContext fhirContext;

    @Autowired
    protected JdbcTemplate jdbc;

    protected IGenericClient client;
    protected RawHttp http;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        settings(registry::add);
    }

    /** The settings of the shared server that are known only at run time (database, port, issuer, clients...). */
    private static void settings(BiConsumer<String, Supplier<Object>> registry) {
        TestDatabase db = TestDatabase.get();
        registry.accept("spring.datasource.url", db::url);
        registry.accept("spring.datasource.username", db::username);
        registry.accept("spring.datasource.password", db::password);
        TestSecurity security = TestSecurity.get();
        registry.accept("server.port", security::port);
        registry.accept("transitionnet.security.issuer", security::issuer);
        registry.accept(
                "transitionnet.security.authorization-server.signing-key", () -> "file:" + security.signingKeyFile());
        // The server is its own research registry in the tests; its push authenticates like any client.
        registry.accept("transitionnet.export.registry-token", () -> security.token("system/*.cruds", null));
        registry.accept(
                "transitionnet.ingest.import-allowed-sources",
                () -> NdjsonSource.get().baseUrl());
        // Indexed list properties bind from one property source only: all of them are given here.
        String server = "transitionnet.security.authorization-server.";
        registry.accept(server + "users[0].username", () -> TestSecurity.USER);
        registry.accept(server + "users[0].password", () -> TestSecurity.PASSWORD);
        registry.accept(server + "clients[0].client-id", () -> TestSecurity.BACKEND_CLIENT);
        registry.accept(server + "clients[0].jwks", security::backendClientPublicJwks);
        registry.accept(server + "clients[0].scopes", () -> "system/*.rs,system/Observation.rs,system/Patient.rs");
        registry.accept(server + "clients[1].client-id", () -> TestSecurity.LAUNCH_CLIENT);
        registry.accept(server + "clients[1].redirect-uris", () -> security.issuer() + "/apps/trajectory/");
        registry.accept(
                server + "clients[1].scopes",
                () ->
                        "openid,fhirUser,launch,launch/patient,offline_access,online_access,patient/*.rs,patient/Observation.rs,patient/Patient.rs");
        registry.accept(server + "clients[1].launch-uri", () -> security.issuer() + "/apps/trajectory/");
        registry.accept(server + "clients[2].client-id", () -> TestSecurity.BENCHMARK_VIEWER);
        registry.accept(server + "clients[2].redirect-uris", () -> security.issuer() + "/apps/benchmark/");
        registry.accept(server + "clients[2].scopes", () -> "openid,fhirUser,benchmark/*.read");
        registry.accept(server + "clients[3].client-id", () -> TestSecurity.CONFIDENTIAL_LAUNCH_CLIENT);
        registry.accept(server + "clients[3].client-secret", () -> TestSecurity.CONFIDENTIAL_LAUNCH_SECRET);
        registry.accept(server + "clients[3].redirect-uris", () -> security.issuer() + "/apps/trajectory/");
        registry.accept(
                server + "clients[3].scopes", () -> "openid,fhirUser,launch/patient,offline_access,patient/*.rs");
        // The benchmark's two Backend Services clients as the quick start registers them, with its demo keys
        // (tools/benchmark): the researcher reads and submits, the data steward builds.
        registry.accept(server + "clients[4].client-id", () -> TestSecurity.BENCHMARK_RESEARCHER);
        registry.accept(server + "clients[4].jwks", () -> TestSecurity.demoJwks("demo-researcher-jwks.json"));
        registry.accept(server + "clients[4].scopes", () -> "benchmark/*.read,benchmark/*.submit");
        registry.accept(server + "clients[5].client-id", () -> TestSecurity.BENCHMARK_STEWARD);
        registry.accept(server + "clients[5].jwks", () -> TestSecurity.demoJwks("demo-steward-jwks.json"));
        registry.accept(server + "clients[5].scopes", () -> "benchmark/*.build,benchmark/*.read");
    }

    /**
     * Another node of the shared server: a second application context with the same settings on the same database,
     * on a port of its own ({@link #port(ConfigurableApplicationContext)}), for what must hold across nodes and
     * restarts. The caller closes it.
     */
    protected static ConfigurableApplicationContext startAnotherNode() {
        List<String> arguments = new ArrayList<>();
        for (String property :
                ServerTestBase.class.getAnnotation(SpringBootTest.class).properties()) {
            arguments.add("--" + property);
        }
        settings((name, value) -> {
            if (!name.equals("server.port")) {
                arguments.add("--" + name + "=" + value.get());
            }
        });
        arguments.add("--server.port=0");
        return new SpringApplicationBuilder(TransitionNetApplication.class)
                .profiles("integration-test")
                .run(arguments.toArray(String[]::new));
    }

    /** The HTTP port of a node {@link #startAnotherNode() started} by a test. */
    protected static int port(ConfigurableApplicationContext node) {
        return ((ServletWebServerApplicationContext) node).getWebServer().getPort();
    }

    /** A token for everything ({@code system/*.cruds}), as an integration system would hold. */
    protected static String adminToken() {
        return TestSecurity.get().token("system/*.cruds", null);
    }

    @BeforeEach
    void clients() {
        fhirContext.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        fhirContext.getRestfulClientFactory().setSocketTimeout(120_000);
        client = fhirContext.newRestfulGenericClient(baseUrl());
        client.registerInterceptor(new BearerTokenAuthInterceptor(adminToken()));
        http = new RawHttp(baseUrl()).withToken(adminToken());
    }

    protected String baseUrl() {
        return "http://localhost:" + port + "/fhir";
    }

    /** Current (non-deleted) resources of a type, counted in the database itself. */
    protected long storedCount(String resourceType) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM hfj_resource WHERE res_type = ? AND res_deleted_at IS NULL",
                Long.class,
                resourceType);
    }

    /** All resource versions ever written: unchanged means nothing was written at all. */
    protected long storedVersions() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM hfj_res_ver", Long.class);
    }

    private static boolean populationDerived;

    /**
     * The committed Synthea population, loaded once per JVM, with every member's transitions derived by one
     * {@code $rederive} the first time it is asked for; a test that changes a member re-derives that member.
     */
    protected List<SyntheaPopulation.Member> derivedPopulation() {
        List<SyntheaPopulation.Member> members = SyntheaPopulation.load(http, client, fhirContext);
        synchronized (ServerTestBase.class) {
            if (!populationDerived) {
                rederiveAndWait(
                        members.stream().map(SyntheaPopulation.Member::serverId).toList());
                populationDerived = true;
            }
        }
        return members;
    }

    /** Starts {@code $rederive} for the patients and waits (up to 3 minutes) until its job has completed. */
    protected void rederiveAndWait(Collection<String> patientIds) {
        Parameters parameters = new Parameters();
        patientIds.forEach(id -> parameters.addParameter().setName("patient").setValue(new Reference("Patient/" + id)));
        HttpResponse<String> kickOff =
                http.post("/$rederive", fhirContext.newJsonParser().encodeResourceToString(parameters));
        assertThat(kickOff.statusCode()).as(kickOff.body()).isEqualTo(202);
        String statusUrl = kickOff.headers().firstValue("Content-Location").orElseThrow();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            Parameters status = fhirContext
                    .newJsonParser()
                    .parseResource(Parameters.class, http.get(statusUrl).body());
            String state = status.getParameter("status").getValue().primitiveValue();
            // ERRORED is transient in Batch2 (the chunk is retried); FAILED and CANCELLED are final.
            assertThat(state).isNotIn("FAILED", "CANCELLED");
            if ("COMPLETED".equals(state)) {
                return;
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("re-derivation did not complete");
    }
}
