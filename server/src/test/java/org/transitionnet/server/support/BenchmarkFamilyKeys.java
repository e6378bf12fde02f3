package org.transitionnet.server.support;

import org.transitionnet.server.product.benchmark.dataset.SubjectKeys;
import org.transitionnet.server.product.benchmark.task.SplitRule;
import org.transitionnet.server.release.deid.DateShifter;
import org.transitionnet.server.release.deid.DeidKey;
import org.transitionnet.server.release.deid.Pseudonymizer;

/**
 * The keys a test that knows the server's de-identification key derives for one benchmark version
 * family, as the server does: ids and date shifts under the family's key, splits under the
 * family-independent split key. Only a holder of the key can compute them; tests use them to show what the key would reveal.
 */
public final class BenchmarkFamilyKeys {

    private BenchmarkFamilyKeys() {}

    public static SubjectKeys keys(String key, String familyId, SplitRule splits) {
        return new SubjectKeys(
                new Pseudonymizer(DeidKey.of(key).forBenchmark().forBenchmarkFamily(familyId)),
                new Pseudonymizer(DeidKey.of(key)),
                splits);
    }

    public static DateShifter shifts(String key, String familyId, int maxShiftDays) {
        return new DateShifter(
                new Pseudonymizer(DeidKey.of(key).forBenchmark().forBenchmarkFamily(familyId)), maxShiftDays);
    }
}
