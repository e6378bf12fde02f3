package org.transitionnet.server.release.deid;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.transitionnet.server.config.QuickStartDemo;

/**
 * Makes the de-identification engine of one export: every export has its own release time, and an
 * export whose pseudonyms must not link to other exports has its own key. Benchmark dataset versions
 * have keys of their own, derived apart from every export's. The configured key is read
 * on use, so a server without a usable key starts and serves everything else but refuses exports.
 */
public class DeidEngines {

    private final FhirContext fhirContext;
    private final DeidRuleSet rules;
    private final DeidProperties properties;
    private final Clock clock;

    public DeidEngines(FhirContext fhirContext, DeidRuleSet rules, DeidProperties properties, Clock clock) {
        this.fhirContext = fhirContext;
        this.rules = rules;
        this.properties = properties;
        this.clock = clock;
    }

    /** @throws DeidKeyException while the configured key is unusable */
    public void checkKey() {
        DeidKey.of(properties.key());
    }

    /** The configured key's public fingerprint ({@link DeidKey#fingerprint()}). @throws DeidKeyException while unusable */
    public String keyFingerprint() {
        return DeidKey.of(properties.key()).fingerprint();
    }

    /**
     * Whether the configured key is one published with the server (the quick start's demo key): anyone can then
     * recompute every pseudonym and date shift made under it, whatever the release's pseudonym mode.
     */
    public boolean publicKeyInUse() {
        return properties.key() != null && properties.key().strip().equals(QuickStartDemo.DEID_KEY);
    }

    public DeidRuleSet rules() {
        return rules;
    }

    public int maxShiftDays() {
        return properties.maxShiftDays();
    }

    /**
     * The key of the benchmark's splits, the same across version families: the configured key itself,
     * used only under the benchmark's own domain labels (nothing an export releases is keyed under them).
     * It stays the key every dataset version made before families used, so no subject ever moves out of
     * the held-out split.
     *
     * @throws DeidKeyException while the configured key is unusable
     */
    public Pseudonymizer benchmarkSplitKeys() {
        return new Pseudonymizer(DeidKey.of(properties.key()));
    }

    /**
     * The engine of one benchmark dataset version family: pseudonyms and date shifts under the family's
     * key (derived from the benchmark's key), unlinkable to any research export and to any other family.
     *
     * @param releaseTime the build's kick-off time
     * @throws DeidKeyException while the configured key is unusable
     */
    public DeidEngine forBenchmarkFamily(Instant releaseTime, String familyId) {
        DeidKey key = DeidKey.of(properties.key()).forBenchmark().forBenchmarkFamily(familyId);
        return new DeidEngine(fhirContext, rules, key, properties.maxShiftDays(), LocalDate.now(clock), releaseTime);
    }

    /**
     * @param releaseTime the export's transaction time
     * @param exportSalt  null: pseudonyms and date shifts consistent across exports (registry updates);
     *                    otherwise the export's random salt, which makes them unlinkable to any other export
     */
    public DeidEngine forExport(Instant releaseTime, String exportSalt) {
        DeidKey key = DeidKey.of(properties.key());
        return new DeidEngine(
                fhirContext,
                rules,
                exportSalt == null ? key : key.forExport(exportSalt),
                properties.maxShiftDays(),
                LocalDate.now(clock),
                releaseTime);
    }
}
