package org.transitionnet.server.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: one server on a random port against the shared test PostgreSQL.
 * Every subclass uses exactly this configuration so Spring caches and shares one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		// Stricter than the default: every profile-tagged write in the tests is validated.
		"transitionnet.ig.enforce-on-write=true",
		"transitionnet.jobs.maintenance-interval-ms=1000",
		"transitionnet.transition.flush-interval-ms=500",
		// Research export: a test-only key; k may be lowered per export (3 fixture patients only);
		// polls 300 ms apart; the server is its own research registry.
		"transitionnet.deid.key=test-only-deid-key-IT-0123456789abcdef",
		"transitionnet.export.allow-k-override=true",
		"transitionnet.export.min-poll-interval=300ms",
		"transitionnet.export.registry-url=http://localhost:${local.server.port}/fhir"
})
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
		TestDatabase db = TestDatabase.get();
		registry.add("spring.datasource.url", db::url);
		registry.add("spring.datasource.username", db::username);
		registry.add("spring.datasource.password", db::password);
	}

	@BeforeEach
	void clients() {
		fhirContext.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		fhirContext.getRestfulClientFactory().setSocketTimeout(120_000);
		client = fhirContext.newRestfulGenericClient(baseUrl());
		http = new RawHttp(baseUrl());
	}

	protected String baseUrl() {
		return "http://localhost:" + port + "/fhir";
	}

	/** Current (non-deleted) resources of a type, counted in the database itself. */
	protected long storedCount(String resourceType) {
		return jdbc.queryForObject(
				"SELECT COUNT(*) FROM hfj_resource WHERE res_type = ? AND res_deleted_at IS NULL",
				Long.class, resourceType);
	}

	/** All resource versions ever written: unchanged means nothing was written at all. */
	protected long storedVersions() {
		return jdbc.queryForObject("SELECT COUNT(*) FROM hfj_res_ver", Long.class);
	}
}
