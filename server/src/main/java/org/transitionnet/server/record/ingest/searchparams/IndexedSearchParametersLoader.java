package org.transitionnet.server.record.ingest.searchparams;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.Resource;

/**
 * Reads the list of indexed built-in search parameters (YAML, {@code transitionnet.ingest.search-parameters})
 * and checks it against the FHIR version's resource definitions, so that a misspelt type or parameter stops
 * the server at start instead of silently cutting (or keeping) the wrong index.
 */
public final class IndexedSearchParametersLoader {

    private final FhirContext fhirContext;

    public IndexedSearchParametersLoader(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    public IndexedSearchParameters load(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return parse(new ObjectMapper(new YAMLFactory()).readTree(in), resource.getDescription());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot read the indexed search parameters " + resource.getDescription() + ": " + e.getMessage(),
                    e);
        }
    }

    IndexedSearchParameters parse(JsonNode root, String source) {
        JsonNode indexed = root == null ? null : root.get("indexed");
        if (indexed == null || !indexed.isObject()) {
            throw new IllegalStateException(
                    source + ": expected a map 'indexed' of resource type -> list of search parameter codes");
        }
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> kept = new LinkedHashMap<>();
        indexed.fields().forEachRemaining(entry -> {
            String type = entry.getKey();
            RuntimeResourceDefinition definition;
            try {
                definition = fhirContext.getResourceDefinition(type);
            } catch (RuntimeException e) {
                problems.add("unknown resource type '" + type + "'");
                return;
            }
            if (!entry.getValue().isArray()) {
                problems.add(type + ": expected a list of search parameter codes");
                return;
            }
            Set<String> codes = new LinkedHashSet<>();
            for (JsonNode code : entry.getValue()) {
                if (definition.getSearchParam(code.asText()) == null) {
                    problems.add(type + ": no built-in search parameter '" + code.asText() + "'");
                } else if (!codes.add(code.asText())) {
                    problems.add(type + ": '" + code.asText() + "' listed twice");
                }
            }
            kept.put(type, codes);
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException(source + ": " + String.join("; ", problems));
        }
        return new IndexedSearchParameters(kept);
    }
}
