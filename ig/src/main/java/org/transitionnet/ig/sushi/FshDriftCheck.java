package org.transitionnet.ig.sushi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Compares fresh SUSHI output with the committed {@code fsh-generated/resources}. The JDK-only
 * build packages the committed JSON, so any difference means the FSH and the package disagree.
 * With {@code update=true} the committed directory is replaced by the fresh output instead.
 *
 * <p>Arguments: fresh directory, committed directory, update flag.
 */
public final class FshDriftCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws IOException {
        Path fresh = Path.of(args[0]);
        Path committed = Path.of(args[1]);
        boolean update = args.length > 2 && Boolean.parseBoolean(args[2]);
        if (update) {
            replace(fresh, committed);
            System.out.println("Updated " + committed + " from " + fresh);
            return;
        }
        List<String> differences = differences(fresh, committed);
        if (!differences.isEmpty()) {
            throw new IllegalStateException("FSH and committed fsh-generated/ differ (rerun with "
                    + "-Psushi -Dsushi.update=true and commit):\n  " + String.join("\n  ", differences));
        }
        System.out.println("fsh-generated/ matches the FSH sources");
    }

    static List<String> differences(Path fresh, Path committed) throws IOException {
        Set<String> names = new TreeSet<>(jsonFiles(fresh));
        names.addAll(jsonFiles(committed));
        List<String> differences = new ArrayList<>();
        for (String name : names) {
            Path a = fresh.resolve(name);
            Path b = committed.resolve(name);
            if (!Files.exists(b)) {
                differences.add(name + ": not committed");
            } else if (!Files.exists(a)) {
                differences.add(name + ": committed but no longer generated");
            } else if (!parse(a).equals(parse(b))) {
                differences.add(name + ": content differs");
            }
        }
        return differences;
    }

    private static JsonNode parse(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    private static Set<String> jsonFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return new TreeSet<>(files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .toList());
        }
    }

    private static void replace(Path fresh, Path committed) throws IOException {
        Files.createDirectories(committed);
        for (String name : jsonFiles(committed)) {
            Files.delete(committed.resolve(name));
        }
        for (String name : jsonFiles(fresh)) {
            Files.copy(fresh.resolve(name), committed.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
