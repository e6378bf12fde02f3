package org.transitionnet.server.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The repository's {@code docker-compose.yml} read as Compose reads it (YAML anchors and aliases, {@code ${VAR:-default}}
 * substitution from a given shell environment), for tests that check a service's settings and run the packaged jar
 * with exactly its environment when no Docker engine is at hand.
 */
public final class ComposeFile {

    /** The repository root, where the compose file lives and its relative paths start (tests run in {@code server/}). */
    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_]+)(?::-([^}]*))?}");

    private final Map<String, Object> compose;
    private final Map<String, String> shell;

    private ComposeFile(Map<String, Object> compose, Map<String, String> shell) {
        this.compose = compose;
        this.shell = shell;
    }

    /** The compose file with the given shell variables set (all others unset: their defaults apply). */
    public static ComposeFile read(Map<String, String> shell) throws IOException {
        return new ComposeFile(
                new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml"))), Map.copyOf(shell));
    }

    public List<String> serviceNames() {
        return List.copyOf(services().keySet());
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> service(String name) {
        Object service = services().get(name);
        if (service == null) {
            throw new AssertionError("docker-compose.yml has no service '" + name + "'");
        }
        return (Map<String, Object>) service;
    }

    /** The service's profiles; empty for a service Compose always starts. */
    @SuppressWarnings("unchecked")
    public List<String> profiles(String name) {
        return (List<String>) service(name).getOrDefault("profiles", List.of());
    }

    /** The service's environment, variables substituted. */
    @SuppressWarnings("unchecked")
    public Map<String, String> environment(String name) {
        Map<String, String> environment = new LinkedHashMap<>();
        ((Map<String, Object>) service(name).getOrDefault("environment", Map.of()))
                .forEach((variable, value) -> environment.put(variable, substitute(String.valueOf(value))));
        return environment;
    }

    /** The service's published ports ({@code host:container}), variables substituted. */
    @SuppressWarnings("unchecked")
    public List<String> ports(String name) {
        return ((List<Object>) service(name).getOrDefault("ports", List.of()))
                .stream().map(p -> substitute(String.valueOf(p))).toList();
    }

    /** The service's bind mounts: container path → host path (relative host paths resolved against the repository root). */
    @SuppressWarnings("unchecked")
    public Map<String, Path> mounts(String name) {
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (Object volume : (List<Object>) service(name).getOrDefault("volumes", List.of())) {
            String[] parts = substitute(String.valueOf(volume)).split(":");
            if (parts.length >= 2 && (parts[0].startsWith(".") || parts[0].startsWith("/"))) {
                mounts.put(parts[1], ROOT.resolve(parts[0]).normalize());
            }
        }
        return mounts;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> dependsOn(String name) {
        Object dependsOn = service(name).getOrDefault("depends_on", Map.of());
        return dependsOn instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /**
     * The environment a process on this machine needs to run as the service's container: values naming a file the
     * service mounts ({@code file:/run/...}) name that file on the host instead.
     */
    public Map<String, String> environmentOnHost(String name) {
        Map<String, String> environment = environment(name);
        Map<String, Path> mounts = mounts(name);
        environment.replaceAll((variable, value) -> {
            for (Map.Entry<String, Path> mount : mounts.entrySet()) {
                if (value.equals("file:" + mount.getKey())) {
                    return "file:" + mount.getValue();
                }
            }
            return value;
        });
        return environment;
    }

    public String substitute(String value) {
        Matcher variable = VARIABLE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (variable.find()) {
            String replacement =
                    shell.getOrDefault(variable.group(1), variable.group(2) == null ? "" : variable.group(2));
            variable.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        variable.appendTail(resolved);
        return resolved.toString();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> services() {
        return (Map<String, Object>) compose.get("services");
    }
}
