package org.transitionnet.ig.pack;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The package identity, read from sushi-config.yaml so that SUSHI and the package agree. */
public record IgConfig(
        String packageName,
        String canonical,
        String version,
        String name,
        String title,
        String description,
        String fhirVersion) {

    public static final String PUBLISHER = "TransitionNet";

    public static IgConfig read(Path sushiConfig) throws IOException {
        try (Reader reader = Files.newBufferedReader(sushiConfig)) {
            Map<?, ?> yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            return new IgConfig(
                    required(yaml, "id"),
                    required(yaml, "canonical"),
                    required(yaml, "version"),
                    required(yaml, "name"),
                    required(yaml, "title"),
                    required(yaml, "description"),
                    required(yaml, "fhirVersion"));
        }
    }

    private static String required(Map<?, ?> yaml, String key) {
        Object value = yaml.get(key);
        if (value == null) {
            throw new IllegalStateException("sushi-config.yaml: missing '" + key + "'");
        }
        return String.valueOf(value);
    }
}
