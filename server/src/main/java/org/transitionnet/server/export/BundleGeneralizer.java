package org.transitionnet.server.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Generalizes a de-identified TransitionBundle to a level of {@link KAnonymity#BUNDLES}: level 1
 * removes the Patient's birth date (the birth year the de-identification kept), level 2 also the
 * addresses' postal code (the ZIP3). Level 0 returns the bundle unchanged.
 */
public final class BundleGeneralizer {

	private static final ObjectMapper JSON = new ObjectMapper();

	private BundleGeneralizer() {
	}

	public static String generalize(String bundleJson, int level) {
		if (level <= 0) {
			return bundleJson;
		}
		JsonNode bundle;
		try {
			bundle = JSON.readTree(bundleJson);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException("staged bundle is not JSON", e);
		}
		for (JsonNode entry : bundle.path("entry")) {
			if (entry.path("resource") instanceof ObjectNode patient && "Patient".equals(patient.path("resourceType").asText())) {
				patient.remove("birthDate");
				patient.remove("_birthDate");
				if (level >= 2) {
					for (JsonNode address : patient.path("address")) {
						if (address instanceof ObjectNode a) {
							a.remove("postalCode");
							a.remove("_postalCode");
						}
					}
				}
			}
		}
		return bundle.toString();
	}
}
