package org.transitionnet.server.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transitionnet.server.support.PackagedServer;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server left with the placeholder de-identification key shipped in application.yaml refuses every
 * research export up front (before any job starts), with an OperationOutcome naming the setting. The
 * packaged jar runs as its own process because the shared test context has a real key.
 */
class DefaultKeyRefusalIT {

	@TempDir
	Path workDir;

	@Test
	void researchExportIsRefusedWithThePlaceholderKey() throws Exception {
		// Security off only so that this test needs no token; the key check does not depend on it. The quick start
		// has a demo key of its own: the placeholder of application.yaml is given explicitly.
		try (PackagedServer server = PackagedServer.start(workDir, "--transitionnet.security.enabled=false",
				"--transitionnet.deid.key=change-me-not-a-secret", "--transitionnet.sample-data.enabled=false")) {
			for (String kickOff : new String[] {"/$research-export", "/$research-export?_type=ResearchTransition&_outputFormat=csv"}) {
				HttpResponse<String> refused = server.get(kickOff, "Prefer", "respond-async");

				assertThat(refused.statusCode()).as(refused.body()).isEqualTo(500);
				assertThat(refused.body()).contains("\"resourceType\":\"OperationOutcome\"")
						.contains("built-in default").contains("transitionnet.deid.key");
				assertThat(refused.headers().firstValue("Content-Location")).isEmpty();
			}
		}
	}
}
