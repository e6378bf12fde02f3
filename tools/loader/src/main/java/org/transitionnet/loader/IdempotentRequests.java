package org.transitionnet.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns a Synthea bundle into a transaction whose creates are {@code PUT Type/<uuid>}, so that
 * loading the same bundle twice updates instead of duplicating.
 *
 * <p>Synthea gives every resource a UUID id equal to its {@code urn:uuid} fullUrl. The fullUrls are
 * kept, so references between entries still resolve through the server's transaction processing.
 * Conditional creates ({@code ifNoneExist}) become plain updates by id for the same reason.
 */
public final class IdempotentRequests {

  private static final String URN_UUID = "urn:uuid:";

  /** Returns the number of entries rewritten. */
  public int apply(ObjectNode bundle) {
    bundle.put("type", "transaction");
    int rewritten = 0;
    for (JsonNode entry : bundle.path("entry")) {
      if (!(entry instanceof ObjectNode entryNode) || !(entry.get("resource") instanceof ObjectNode resource)) {
        continue;
      }
      String id = idOf(entryNode, resource);
      if (id == null) {
        continue;
      }
      ObjectNode request = entryNode.with("request");
      String method = request.path("method").asText("POST");
      if (!method.equals("POST")) {
        continue;
      }
      resource.put("id", id);
      request.removeAll();
      request.put("method", "PUT");
      request.put("url", resource.path("resourceType").asText() + "/" + id);
      rewritten++;
    }
    return rewritten;
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
