package org.transitionnet.server.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which of the server's packages refer to which, read from the sources: every import, static import and
 * fully qualified name (Javadoc links included, since a link is a dependency a reader follows). Reading the
 * sources rather than bytecode keeps the check dependency-free and fast; a reference needs an import or a
 * qualified name to cross packages, so nothing that matters is missed.
 */
final class PackageGraph {

    static final String BASE = "org.transitionnet.server";

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("org\\.transitionnet\\.server((?:\\.[a-z]\\w*)*)\\.[A-Z]");

    /** Package (relative to {@link #BASE}, "" for the root) to the packages it refers to, with one example file each. */
    private final Map<String, Map<String, String>> edges = new TreeMap<>();

    static PackageGraph read(Path sources) {
        PackageGraph graph = new PackageGraph();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                graph.addSource(file.getFileName().toString(), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    void addSource(String fileName, String source) {
        Matcher declared = PACKAGE.matcher(source);
        if (!declared.find()) {
            return;
        }
        String from = relative(declared.group(1));
        Map<String, String> targets = edges.computeIfAbsent(from, k -> new TreeMap<>());
        Matcher reference = REFERENCE.matcher(source.substring(declared.end()));
        while (reference.find()) {
            String to = relative(BASE + reference.group(1));
            if (!to.equals(from)) {
                targets.putIfAbsent(to, fileName);
            }
        }
    }

    void addEdge(String from, String to) {
        edges.computeIfAbsent(from, k -> new TreeMap<>()).putIfAbsent(to, "(given)");
        edges.computeIfAbsent(to, k -> new TreeMap<>());
    }

    Set<String> packages() {
        Set<String> all = new TreeSet<>(edges.keySet());
        edges.values().forEach(t -> all.addAll(t.keySet()));
        return all;
    }

    Map<String, Map<String, String>> edges() {
        return edges;
    }

    /** Groups of packages that refer to each other in a circle (strongly connected components of two or more). */
    List<Set<String>> cycles() {
        return new Tarjan().components().stream().filter(c -> c.size() > 1).toList();
    }

    private static String relative(String name) {
        return name.equals(BASE) ? "" : name.substring(BASE.length() + 1);
    }

    /** Tarjan's strongly connected components over the package graph. */
    private final class Tarjan {
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<Set<String>> result = new ArrayList<>();
        private int next;

        List<Set<String>> components() {
            for (String p : packages()) {
                if (!index.containsKey(p)) {
                    visit(p);
                }
            }
            return result;
        }

        private void visit(String p) {
            index.put(p, next);
            low.put(p, next);
            next++;
            stack.push(p);
            onStack.add(p);
            for (String q : edges.getOrDefault(p, Map.of()).keySet()) {
                if (!index.containsKey(q)) {
                    visit(q);
                    low.put(p, Math.min(low.get(p), low.get(q)));
                } else if (onStack.contains(q)) {
                    low.put(p, Math.min(low.get(p), index.get(q)));
                }
            }
            if (low.get(p).equals(index.get(p))) {
                Set<String> component = new TreeSet<>();
                String q;
                do {
                    q = stack.pop();
                    onStack.remove(q);
                    component.add(q);
                } while (!q.equals(p));
                result.add(component);
            }
        }
    }
}
