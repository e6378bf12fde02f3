package org.transitionnet.server.release.deid;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The shipped default rule set, read from the main classpath. */
final class DefaultRules {

    private DefaultRules() {}

    static DeidRuleSet load() {
        try (InputStream in = DefaultRules.class.getResourceAsStream("/deid/default-rules.yaml")) {
            return DeidRuleSet.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
