package org.transitionnet.server.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the declarative catalogue ({@code state-variables.yaml}, {@code action-classes.yaml}; schema
 * in {@code mappings/README.md}). Code system aliases in the files resolve to URIs here, so the rest
 * of the server only ever sees full codings.
 */
public class MappingCatalogLoader {

	private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
	private final ResourceLoader resources;

	public MappingCatalogLoader(ResourceLoader resources) {
		this.resources = resources;
	}

	public MappingCatalog load(String location) {
		JsonNode variablesDoc = read(location + "state-variables.yaml");
		JsonNode classesDoc = read(location + "action-classes.yaml");
		String version = text(variablesDoc, "version");
		String classesVersion = text(classesDoc, "version");
		if (!version.equals(classesVersion)) {
			throw new IllegalStateException("Mapping files disagree on the catalogue version: state variables "
					+ version + ", action classes " + classesVersion);
		}
		List<StateVariable> variables = new ArrayList<>();
		for (JsonNode node : variablesDoc.path("stateVariables")) {
			variables.add(stateVariable(node, variablesDoc.path("systems")));
		}
		List<ActionClass> classes = new ArrayList<>();
		for (JsonNode node : classesDoc.path("actionClasses")) {
			classes.add(actionClass(node, classesDoc.path("systems")));
		}
		return new MappingCatalog(version, variables, classes);
	}

	private static StateVariable stateVariable(JsonNode node, JsonNode systems) {
		List<StateVariable.Measurement> measurements = new ArrayList<>();
		for (JsonNode m : node.path("measurements")) {
			CodeRef component = m.hasNonNull("component") ? code(m.get("component"), systems) : null;
			measurements.add(new StateVariable.Measurement(code(m, systems), component));
		}
		List<String> units = new ArrayList<>();
		node.path("acceptedUnits").forEach(u -> units.add(u.asText()));
		return new StateVariable(
				text(node, "id"),
				text(node, "display"),
				measurements,
				text(node, "canonicalUnit"),
				units,
				node.hasNonNull("molarMass") ? new BigDecimal(node.get("molarMass").asText()) : null,
				StateVariable.DesirableDirection.valueOf(text(node, "desirableDirection").toUpperCase(Locale.ROOT)),
				new BigDecimal(text(node, "minimalMeaningfulChange")),
				node.path("baselineWindow").path("daysBefore").asInt(),
				node.path("followUpWindow").path("minDaysAfter").asInt(),
				node.path("followUpWindow").path("maxDaysAfter").asInt(),
				plausibleRange(node));
	}

	/** {@code plausibleRange: { min, max }} in the canonical unit; optional here, required by the IG build. */
	private static PlausibleRange plausibleRange(JsonNode node) {
		JsonNode range = node.get("plausibleRange");
		if (range == null || range.isNull()) {
			return null;
		}
		try {
			return new PlausibleRange(new BigDecimal(text(range, "min")), new BigDecimal(text(range, "max")));
		} catch (IllegalArgumentException e) {
			throw new IllegalStateException("State variable '" + node.path("id").asText() + "': " + e.getMessage(), e);
		}
	}

	private static ActionClass actionClass(JsonNode node, JsonNode systems) {
		List<String> effects = new ArrayList<>();
		node.path("expectedEffects").forEach(e -> effects.add(e.asText()));
		return new ActionClass(
				text(node, "id"),
				text(node, "display"),
				"care-plan".equals(text(node, "kind")) ? ActionClass.Kind.CARE_PLAN : ActionClass.Kind.MEDICATION,
				node.hasNonNull("parent") ? node.get("parent").asText() : null,
				codes(node.path("atc"), systems),
				codes(node.path("medications"), systems),
				codes(node.path("carePlanCategories"), systems),
				codes(node.path("carePlanActivities"), systems),
				effects);
	}

	private static List<CodeRef> codes(JsonNode list, JsonNode systems) {
		List<CodeRef> codes = new ArrayList<>();
		list.forEach(c -> codes.add(code(c, systems)));
		return codes;
	}

	private static CodeRef code(JsonNode node, JsonNode systems) {
		String alias = text(node, "system");
		String system = systems.hasNonNull(alias) ? systems.get(alias).asText() : alias;
		return new CodeRef(system, text(node, "code"), node.path("display").asText(null));
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull() || value.asText().isBlank()) {
			throw new IllegalStateException("Mapping catalogue entry lacks '" + field + "': " + node);
		}
		return value.asText();
	}

	private JsonNode read(String location) {
		Resource resource = resources.getResource(location);
		try (InputStream in = resource.getInputStream()) {
			return YAML.readTree(in);
		} catch (IOException e) {
			throw new IllegalStateException("Cannot read mapping file " + location + ": " + e.getMessage(), e);
		}
	}
}
