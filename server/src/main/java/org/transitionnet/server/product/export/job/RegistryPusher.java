package org.transitionnet.server.product.export.job;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Pushes de-identified TransitionBundles to a research-registry FHIR endpoint as
 * {@code PUT Bundle/{pseudonymous id}}: the id is a keyed pseudonym of the source episode, so a
 * second push of the same transitions updates the registry's copy instead of adding one.
 * A configured bearer token is presented to the registry (a registry is a secured TransitionNet too).
 */
public class RegistryPusher {

    private final FhirContext fhirContext;
    private final Supplier<String> registryUrl;
    private final String bearerToken;

    /**
     * @param registryUrl resolved per export, so the URL may name a port known only once the server runs
     * @param bearerToken token for the registry, or null
     */
    public RegistryPusher(FhirContext fhirContext, Supplier<String> registryUrl, String bearerToken) {
        this.fhirContext = fhirContext;
        this.registryUrl = registryUrl;
        this.bearerToken = bearerToken;
    }

    public Session session() {
        String url = registryUrl.get();
        IGenericClient client = fhirContext.newRestfulGenericClient(url);
        if (bearerToken != null) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(bearerToken));
        }
        return new Session(client, url);
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
