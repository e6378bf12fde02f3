package org.transitionnet.server.quickstart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transitionnet.server.support.PackagedServer;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick start as a newcomer runs it: the packaged server jar with no configuration at all,
 * on its embedded H2 database, answers {@code /fhir/metadata}.
 */
class QuickStartJarIT {

	@TempDir
	Path workDir;

	@Test
	void packagedJarBootsOnTheEmbeddedDatabaseAndServesMetadata() throws Exception {
		try (PackagedServer server = PackagedServer.start(workDir)) {
			HttpResponse<String> metadata = server.get("/metadata");

			assertThat(metadata.statusCode()).isEqualTo(200);
			assertThat(metadata.body()).contains("\"resourceType\":\"CapabilityStatement\"").contains("\"fhirVersion\":\"4.0.1\"");
			assertThat(server.log()).contains("Database schema (H2) is current");
			assertThat(workDir.resolve("data/transitionnet.mv.db")).exists();
		}
	}
}
