package org.transitionnet.server.derivation.transition;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How transitions are derived and kept current.
 *
 * @param episodeMergeGapDays prescriptions of one class starting within this many days after the
 *                            previous one's recorded end continue the same episode
 * @param renewalGapDays      a prescription whose end is not recorded is continued by the next one of
 *                            its class starting within this many days after it started (renewals)
 * @param incremental         re-derive a patient's transitions whenever their sources change
 * @param flushIntervalMs     how often changed patients are handed to a derivation job
 * @param patientsPerChunk    patients per Batch2 work chunk
 * @param reconcileIntervalMs how often patients whose derivation is behind their sources are marked again
 * @param stalledJobTimeoutMs a derivation job holding marks that makes no progress for this long is
 *                            cancelled and its marks are handed to a new job
 */
@ConfigurationProperties("transitionnet.transition")
public record TransitionProperties(
        Integer episodeMergeGapDays,
        Integer renewalGapDays,
        Boolean incremental,
        Long flushIntervalMs,
        Integer patientsPerChunk,
        Long reconcileIntervalMs,
        Long stalledJobTimeoutMs) {

    public TransitionProperties {
        episodeMergeGapDays = episodeMergeGapDays == null ? 30 : episodeMergeGapDays;
        renewalGapDays = renewalGapDays == null ? 400 : renewalGapDays;
        incremental = incremental == null || incremental;
        flushIntervalMs = flushIntervalMs == null ? 2000L : flushIntervalMs;
        patientsPerChunk = patientsPerChunk == null ? 20 : patientsPerChunk;
        reconcileIntervalMs = reconcileIntervalMs == null ? 300_000L : reconcileIntervalMs;
        stalledJobTimeoutMs = stalledJobTimeoutMs == null ? 600_000L : stalledJobTimeoutMs;
    }
}
