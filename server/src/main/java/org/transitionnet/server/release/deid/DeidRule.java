package org.transitionnet.server.release.deid;

import java.util.List;
import java.util.Map;

/**
 * One rule: a FHIRPath expression evaluated on every exported resource, and the method applied to
 * the elements it selects. When several rules select the same element, the first one wins.
 *
 * @param covers the HIPAA Safe Harbor identifier kinds the rule handles (documentation, checked by a test)
 * @param params method parameters: {@code to} for generalize ({@code zip3}, {@code year}, {@code flag}), {@code value} for substitute
 */
public record DeidRule(String id, String path, DeidMethod method, Map<String, String> params, List<String> covers) {

    public DeidRule {
        if (id == null || id.isBlank() || path == null || path.isBlank() || method == null) {
            throw new IllegalArgumentException("a de-identification rule needs id, path and method");
        }
        params = params == null ? Map.of() : Map.copyOf(params);
        covers = covers == null ? List.of() : List.copyOf(covers);
        if (DeidMethod.GENERALIZE.equals(method)
                && !List.of("zip3", "year", "flag").contains(params.getOrDefault("to", ""))) {
            throw new IllegalArgumentException("rule " + id + ": generalize needs to: zip3, year or flag");
        }
        if (DeidMethod.SUBSTITUTE.equals(method) && params.get("value") == null) {
            throw new IllegalArgumentException("rule " + id + ": substitute needs a value");
        }
    }

    public String param(String name) {
        return params.get(name);
    }
}
