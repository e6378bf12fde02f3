package org.transitionnet.server.architecture;

import java.util.List;
import java.util.Optional;

/**
 * The server's layers, lowest first, and which packages belong to each. A package may refer to packages of
 * its own layer and of lower ones only, so facts never depend on what is derived from them, derivation never
 * on how it is released, and the release policy never on one product. docs/architecture.md draws the same
 * order; a new top-level package must be placed here before the build passes.
 */
enum Layers {
    /** Shared machinery every layer may use: configuration, errors, FHIR helpers, jobs, limits, cluster, security, the IG. */
    PLATFORM("config", "errors", "fhir", "async", "limits", "cluster", "security", "ig", "sampledata", "apps"),
    /** What was recorded: ingestion, the mapping catalogue, clinical facts, a patient's source record. */
    RECORD("record"),
    /** What is derived from the record: transitions, their storage and jobs, and the reading paths on them. */
    DERIVATION("derivation"),
    /** The policy every release applies: consent, de-identification, pseudonym and shift keys, k-anonymity. */
    RELEASE("release"),
    /** What leaves the server: research export, benchmark datasets and evaluation, and their shared job skeleton. */
    PRODUCT("product"),
    /** The application: wiring that sees every layer. */
    APPLICATION("app", "");

    private final List<String> roots;

    Layers(String... roots) {
        this.roots = List.of(roots);
    }

    /** The layer of a package (relative to the server's base package; "" is the base package itself). */
    static Optional<Layers> of(String pkg) {
        for (Layers layer : values()) {
            for (String root : layer.roots) {
                if (root.isEmpty() ? pkg.isEmpty() : pkg.equals(root) || pkg.startsWith(root + ".")) {
                    return Optional.of(layer);
                }
            }
        }
        return Optional.empty();
    }
}
