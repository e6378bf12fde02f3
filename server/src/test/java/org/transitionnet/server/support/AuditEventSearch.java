package org.transitionnet.server.support;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Finds the AuditEvents the server recorded since a moment, by a fragment of the audited request URL (the
 * query entity). The server records after the answer is sent, so a search waits a little for them to appear.
 */
public final class AuditEventSearch {

    private final IGenericClient client;
    private final Instant since;

    public AuditEventSearch(IGenericClient client, Instant since) {
        this.client = client;
        this.since = since;
    }

    public List<AuditEvent> eventsFor(String urlFragment) {
        return eventsFor(urlFragment, event -> true);
    }

    /** As {@link #eventsFor(String)}, waiting (up to 10 s) until at least one event also matches the condition. */
    public List<AuditEvent> eventsFor(String urlFragment, Predicate<AuditEvent> condition) {
        long deadline = System.currentTimeMillis() + 10_000;
        List<AuditEvent> found = search(urlFragment).stream().filter(condition).toList();
        while (found.isEmpty() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            found = search(urlFragment).stream().filter(condition).toList();
        }
        return found;
    }

    private List<AuditEvent> search(String urlFragment) {
        List<AuditEvent> found = new ArrayList<>();
        Bundle page = client.search()
                .forResource(AuditEvent.class)
                .where(AuditEvent.DATE.afterOrEquals().millis(java.util.Date.from(since)))
                .count(500)
                .returnBundle(Bundle.class)
                // Repeated identical searches would be answered from HAPI's search cache.
                .cacheControl(new CacheControlDirective().setNoCache(true))
                .execute();
        for (Bundle.BundleEntryComponent entry : page.getEntry()) {
            AuditEvent event = (AuditEvent) entry.getResource();
            boolean matches = event.getEntity().stream()
                    .anyMatch(e ->
                            e.hasQuery() && new String(e.getQuery(), StandardCharsets.UTF_8).contains(urlFragment));
            if (matches) {
                found.add(event);
            }
        }
        return found;
    }
}
