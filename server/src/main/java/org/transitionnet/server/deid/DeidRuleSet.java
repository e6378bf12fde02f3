package org.transitionnet.server.deid;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * A de-identification configuration: ordered rules, the extensions that survive, and the
 * restricted ZIP3 prefixes. Everything a rule does not keep falls back to the engine's safe
 * defaults (free text, narratives, unknown extensions dropped; dates shifted; ids pseudonymised).
 */
public record DeidRuleSet(
		@JsonProperty("version") String version,
		@JsonProperty("keepExtensions") List<String> keepExtensions,
		@JsonProperty("restrictedZip3") Set<String> restrictedZip3,
		@JsonProperty("rules") List<DeidRule> rules) {

	public DeidRuleSet {
		keepExtensions = keepExtensions == null ? List.of() : List.copyOf(keepExtensions);
		restrictedZip3 = restrictedZip3 == null ? Set.of() : Set.copyOf(restrictedZip3);
		rules = rules == null ? List.of() : List.copyOf(rules);
		if (version == null || version.isBlank()) {
			throw new IllegalArgumentException("a de-identification rule set needs a version");
		}
	}

	public static DeidRuleSet read(InputStream yaml) throws IOException {
		ObjectMapper mapper = new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
		return mapper.readValue(yaml, DeidRuleSet.class);
	}
}
