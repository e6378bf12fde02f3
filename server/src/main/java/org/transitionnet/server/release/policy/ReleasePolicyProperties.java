package org.transitionnet.server.release.policy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What every research output (the research export, benchmark datasets) releases under, set once so that no
 * output decides differently from another.
 *
 * @param consent {@code opt-out} (default): a patient's data is released unless an active research Consent denies;
 *                {@code opt-in}: only with an active permitting research Consent
 */
@ConfigurationProperties("transitionnet.release")
public record ReleasePolicyProperties(String consent) {

    public ReleasePolicyProperties {
        consent = consent == null ? "opt-out" : consent;
    }

    public ConsentPolicy.Mode consentMode() {
        return switch (consent) {
            case "opt-out" -> ConsentPolicy.Mode.OPT_OUT;
            case "opt-in" -> ConsentPolicy.Mode.OPT_IN;
            default -> throw new IllegalArgumentException("transitionnet.release.consent must be opt-out or opt-in");
        };
    }
}
