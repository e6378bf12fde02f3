package org.transitionnet.server.product.benchmark.dataset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.server.product.benchmark.task.BenchmarkTask;
import org.transitionnet.server.product.benchmark.task.SplitRule;
import org.transitionnet.server.product.benchmark.task.TaskCatalog;
import org.transitionnet.server.release.deid.DeidEngine;
import org.transitionnet.server.release.deid.DeidEngines;
import org.transitionnet.server.release.deid.Pseudonymizer;

/**
 * Version families of the benchmark and their keys. A family is what a build fixes at kick-off and a
 * MAJOR version line keeps: the requested tasks with their versions, the mapping catalogue version, the
 * de-identification version (rules, largest shift, key fingerprint, split rule) and k. Each family has
 * its own key, derived from the benchmark's key, never from a research export's: pseudonyms, MEDS
 * subject ids, record ids and date shifts of one family link neither to another family (versions
 * released at different generalization levels cannot be joined) nor to any export. The split is keyed
 * apart from the family ({@link SubjectKeys#split}), so a subject is in the same split in every family.
 */
public class DatasetFamilies {

    /** Bumped when the family's definition changes. */
    private static final String FORMAT = "transitionnet-benchmark-family 1";

    private final TaskCatalog tasks;
    private final MappingCatalogue catalog;
    private final DeidEngines deid;

    public DatasetFamilies(TaskCatalog tasks, MappingCatalogue catalog, DeidEngines deid) {
        this.tasks = tasks;
        this.catalog = catalog;
        this.deid = deid;
    }

    /** The family of a build of these tasks (ids, in any order) at this k, as the catalogues stand now. */
    public String familyId(List<String> taskIds, int k) {
        Map<String, String> versions = new TreeMap<>();
        for (String id : taskIds) {
            BenchmarkTask task = tasks.task(id)
                    .orElseThrow(
                            () -> new IllegalStateException("benchmark task " + id + " is no longer in the catalogue"));
            versions.put(task.id(), task.version());
        }
        return familyId(versions, catalog.version(), deidVersion(), k);
    }

    /** The family id: {@code fam-} and 16 hex digits of a SHA-256 over the family's definition. */
    static String familyId(Map<String, String> taskVersions, String catalogueVersion, String deidVersion, int k) {
        StringBuilder text = new StringBuilder(FORMAT).append('\n');
        new TreeMap<>(taskVersions)
                .forEach((id, version) -> text.append("task ")
                        .append(id)
                        .append(' ')
                        .append(version)
                        .append('\n'));
        text.append("catalogue ").append(catalogueVersion).append('\n');
        text.append("deid ").append(deidVersion).append('\n');
        text.append("k ").append(k).append('\n');
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return "fam-" + HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /**
     * The de-identification behind the content: the rule set's version, the largest date shift, a
     * fingerprint of the configured key (a keyed hash of a constant: it names the key without revealing
     * it; another key means other pseudonyms, shifts and splits) and the split rule.
     */
    public String deidVersion() {
        Pseudonymizer benchmark = deid.benchmarkSplitKeys();
        SplitRule split = tasks.splitRule();
        String fingerprint =
                benchmark.pseudonym("benchmark-key-fingerprint", "1").substring(0, 8);
        return deid.rules().version() + ";shift=" + deid.maxShiftDays() + ";key=" + fingerprint + ";split="
                + split.rule() + "/" + split.version();
    }

    /** The de-identification engine of the family: its date shifts and pseudonyms. */
    public DeidEngine engine(Instant releaseTime, String familyId) {
        return deid.forBenchmarkFamily(releaseTime, familyId);
    }

    /** The keyed ids of the family (from the engine's key) with the family-independent split. */
    public SubjectKeys keys(DeidEngine familyEngine) {
        return new SubjectKeys(familyEngine.pseudonyms(), deid.benchmarkSplitKeys(), tasks.splitRule());
    }
}
