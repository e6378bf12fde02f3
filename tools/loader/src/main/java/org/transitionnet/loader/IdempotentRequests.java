package org.transitionnet.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Turns a Synthea bundle into a transaction whose creates are updates, so that loading the same bundle
 * twice updates instead of duplicating.
 *
 * <p>Clinical resources become {@code PUT Type/<uuid>}: Synthea gives every resource a UUID id equal to
 * its {@code urn:uuid} fullUrl. Information resources (Organization, Location, Practitioner,
 * PractitionerRole) become conditional updates on their business identifier
 * ({@code PUT Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999...}): two populations, or two
 * EHRs, naming the same practitioner under different ids then update one resource, and the conditional
 * references of patient bundles keep matching exactly one. The fullUrls are kept, so references between
 * entries still resolve through the server's transaction processing.
 */
public final class IdempotentRequests {

    private static final String URN_UUID = "urn:uuid:";
    static final Set<String> INFORMATION_TYPES = Set.of("Organization", "Location", "Practitioner", "PractitionerRole");

    /** Returns the number of entries rewritten. */
    public int apply(ObjectNode bundle) {
        bundle.put("type", "transaction");
        int rewritten = 0;
        for (JsonNode entry : bundle.path("entry")) {
            if (!(entry instanceof ObjectNode entryNode) || !(entry.get("resource") instanceof ObjectNode resource)) {
                continue;
            }
            ObjectNode request = entryNode.with("request");
            String method = request.path("method").asText("POST");
            if (!method.equals("POST")) {
                continue;
            }
            String type = resource.path("resourceType").asText();
            String identifierQuery = INFORMATION_TYPES.contains(type) ? identifierQuery(request, resource) : null;
            String id = idOf(entryNode, resource);
            if (identifierQuery != null) {
                // The server keeps the id of the resource the identifier matches, or assigns one.
                resource.remove("id");
                request.removeAll();
                request.put("method", "PUT");
                request.put("url", type + "?" + identifierQuery);
            } else if (id != null) {
                resource.put("id", id);
                request.removeAll();
                request.put("method", "PUT");
                request.put("url", type + "/" + id);
            } else {
                continue;
            }
            rewritten++;
        }
        return rewritten;
    }

    /** The generator's own match ({@code ifNoneExist}) when it has one, else the resource's first identifier. */
    private static String identifierQuery(ObjectNode request, ObjectNode resource) {
        String ifNoneExist = request.path("ifNoneExist").asText("");
        if (ifNoneExist.startsWith("identifier=")) {
            return ifNoneExist;
        }
        for (JsonNode identifier : resource.path("identifier")) {
            String system = identifier.path("system").asText("");
            String value = identifier.path("value").asText("");
            if (!value.isBlank()) {
                return "identifier=" + (system.isBlank() ? "" : system + "|") + value;
            }
        }
        return null;
    }

    private static String idOf(ObjectNode entry, ObjectNode resource) {
        JsonNode id = resource.get("id");
        if (id != null && id.isTextual() && !id.asText().isBlank()) {
            return id.asText();
        }
        String fullUrl = entry.path("fullUrl").asText();
        return fullUrl.startsWith(URN_UUID) ? fullUrl.substring(URN_UUID.length()) : null;
    }
}
