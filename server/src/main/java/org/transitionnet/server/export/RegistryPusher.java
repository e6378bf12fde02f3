package org.transitionnet.server.export;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.hl7.fhir.r4.model.Bundle;

import java.util.function.Supplier;

/**
 * Pushes de-identified TransitionBundles to a research-registry FHIR endpoint as
 * {@code PUT Bundle/{pseudonymous id}}: the id is a keyed pseudonym of the source episode, so a
 * second push of the same transitions updates the registry's copy instead of adding one.
 * Authentication to the registry is not handled here (a client interceptor can be added).
 */
public class RegistryPusher {

	private final FhirContext fhirContext;
	private final Supplier<String> registryUrl;

	/** @param registryUrl resolved per export, so the URL may name a port known only once the server runs */
	public RegistryPusher(FhirContext fhirContext, Supplier<String> registryUrl) {
		this.fhirContext = fhirContext;
		this.registryUrl = registryUrl;
	}

	public Session session() {
		String url = registryUrl.get();
		return new Session(fhirContext.newRestfulGenericClient(url), url);
	}

	/** One export's pushes; stops at the first failure and reports it. */
	public final class Session {
		private final IGenericClient client;
		private final String url;
		private int pushed;
		private String error;

		private Session(IGenericClient client, String url) {
			this.client = client;
			this.url = url;
		}

		public void put(String bundleJson) {
			if (error != null) {
				return;
			}
			try {
				Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, bundleJson);
				client.update().resource(bundle).execute();
				pushed++;
			} catch (RuntimeException e) {
				error = "Push to " + url + " failed: " + e.getMessage();
			}
		}

		public int pushed() {
			return pushed;
		}

		public String error() {
			return error;
		}
	}
}
