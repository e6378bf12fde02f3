package org.transitionnet.server.release.deid;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * The de-identification rule set and engines that every research output (research exports, benchmark datasets)
 * de-identifies with. The key is read on use, so a server without one starts and serves everything else but refuses
 * to release.
 */
@Configuration
public class DeidConfig {

    @Bean
    public DeidRuleSet deidRuleSet(ResourceLoader resources, DeidProperties properties) {
        try (InputStream in = resources.getResource(properties.rules()).getInputStream()) {
            return DeidRuleSet.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read de-identification rules from " + properties.rules(), e);
        }
    }

    /** One engine per release (its release time, and its own key when pseudonyms must not link); the key is read on use. */
    @Bean
    public DeidEngines deidEngines(FhirContext fhirContext, DeidRuleSet rules, DeidProperties properties) {
        return new DeidEngines(fhirContext, rules, properties, Clock.systemUTC());
    }
}
