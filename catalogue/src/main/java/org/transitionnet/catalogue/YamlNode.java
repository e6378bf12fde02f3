package org.transitionnet.catalogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed, located access to a parsed YAML mapping, so that errors name the file and the entry
 * instead of surfacing as a cast failure deep in the loader.
 */
final class YamlNode {

    private final Map<?, ?> map;
    private final String where;

    private YamlNode(Map<?, ?> map, String where) {
        this.map = map;
        this.where = where;
    }

    static YamlNode root(Object parsed, String fileName) {
        if (!(parsed instanceof Map<?, ?> m)) {
            throw new CatalogueException(fileName + ": expected a mapping at the top level");
        }
        return new YamlNode(m, fileName);
    }

    String where() {
        Object id = map.get("id");
        Object code = map.get("code");
        return where + (id != null ? " [id=" + id + "]" : code != null ? " [code=" + code + "]" : "");
    }

    /** The keys of the mapping, in file order. */
    List<String> keys() {
        return map.keySet().stream().map(String::valueOf).toList();
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    void expectKind(String kind) {
        if (!kind.equals(requiredString("kind"))) {
            throw new CatalogueException(where + ": expected kind '" + kind + "'");
        }
    }

    String requiredString(String key) {
        String value = optionalString(key);
        if (value == null || value.isBlank()) {
            throw new CatalogueException(where() + ": missing '" + key + "'");
        }
        return value;
    }

    String optionalString(String key) {
        Object value = map.get(key);
        return value == null ? null : String.valueOf(value);
    }

    String requiredOneOf(String key, String... allowed) {
        String value = requiredString(key);
        if (!List.of(allowed).contains(value)) {
            throw new CatalogueException(
                    where() + ": '" + key + "' must be one of " + List.of(allowed) + ", was '" + value + "'");
        }
        return value;
    }

    double requiredDouble(String key) {
        Double value = optionalDouble(key);
        if (value == null) {
            throw new CatalogueException(where() + ": missing '" + key + "'");
        }
        return value;
    }

    Double optionalDouble(String key) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new CatalogueException(where() + ": '" + key + "' must be a number");
    }

    int requiredInt(String key) {
        Object value = map.get(key);
        if (value instanceof Integer i) {
            return i;
        }
        throw new CatalogueException(where() + ": '" + key + "' must be a whole number of days");
    }

    YamlNode child(String key) {
        Object value = map.get(key);
        if (!(value instanceof Map<?, ?> m)) {
            throw new CatalogueException(where() + ": '" + key + "' must be a mapping");
        }
        return new YamlNode(m, where() + "." + key);
    }

    List<YamlNode> list(String key) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            throw new CatalogueException(where() + ": '" + key + "' must be a list");
        }
        List<YamlNode> nodes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map<?, ?> m)) {
                throw new CatalogueException(where() + ": '" + key + "[" + i + "]' must be a mapping");
            }
            nodes.add(new YamlNode(m, where + "." + key + "[" + i + "]"));
        }
        return nodes;
    }

    List<String> stringList(String key) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            throw new CatalogueException(where() + ": '" + key + "' must be a list");
        }
        return items.stream().map(String::valueOf).toList();
    }

    Map<String, String> stringMap(String key) {
        Object value = map.get(key);
        if (!(value instanceof Map<?, ?> m)) {
            throw new CatalogueException(where() + ": '" + key + "' must be a mapping");
        }
        Map<String, String> result = new LinkedHashMap<>();
        m.forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
        return result;
    }
}
