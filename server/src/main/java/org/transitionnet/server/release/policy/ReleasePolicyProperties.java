package org.transitionnet.server.release.policy;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What every research output (the research export, benchmark datasets) releases under, set once so that no
 * output decides differently from another.
 *
 * @param consent         {@code opt-out} (default): a patient's data is released unless an active research Consent
 *                        denies; {@code opt-in}: only with an active permitting research Consent
 * @param adverseEvents   what new conditions and adverse events of a follow-up are released as adverse events
 * @param dayOffsetWindow days of the windows a release that must not link to other releases (per-export pseudonyms)
 *                        coarsens day offsets to, placed by the release's own key per record (default 30; 1 keeps
 *                        exact offsets)
 * @param minValueHolders a research record's (state variable, value), rounded and coded, that fewer subjects of the
 *                        release hold is not released (default 2: no value held by one subject alone; 1 releases all)
 * @param setValuedM      the largest combination of a subject's action classes, state variables and record count that
 *                        must be shared by k subjects ({@link SetValuedAnonymity}; default 2, at most 3; 0 turns the
 *                        check off)
 */
@ConfigurationProperties("transitionnet.release")
public record ReleasePolicyProperties(
        String consent,
        AdverseEvents adverseEvents,
        Integer dayOffsetWindow,
        Integer minValueHolders,
        Integer setValuedM) {

    public ReleasePolicyProperties {
        consent = consent == null ? "opt-out" : consent;
        adverseEvents = adverseEvents == null ? new AdverseEvents(null, null, null) : adverseEvents;
        dayOffsetWindow = dayOffsetWindow == null ? 30 : dayOffsetWindow;
        minValueHolders = minValueHolders == null ? 2 : minValueHolders;
        setValuedM = setValuedM == null ? 2 : setValuedM;
        if (setValuedM < 0 || setValuedM > 3) {
            throw new IllegalArgumentException("transitionnet.release.set-valued-m must be 0, 1, 2 or 3");
        }
        if (minValueHolders < 1) {
            throw new IllegalArgumentException("transitionnet.release.min-value-holders must be at least 1");
        }
        if (dayOffsetWindow < 1) {
            throw new IllegalArgumentException("transitionnet.release.day-offset-window must be at least 1 day");
        }
    }

    public ConsentPolicy.Mode consentMode() {
        return switch (consent) {
            case "opt-out" -> ConsentPolicy.Mode.OPT_OUT;
            case "opt-in" -> ConsentPolicy.Mode.OPT_IN;
            default -> throw new IllegalArgumentException("transitionnet.release.consent must be opt-out or opt-in");
        };
    }

    /**
     * {@code transitionnet.release.adverse-events}.
     *
     * @param withheldCategories  the sensitive condition categories never released as adverse events; unset (default):
     *                            every sensitive category of the mapping catalogue
     * @param releaseUnclassified whether conditions whose codes the catalogue does not classify are released as
     *                            adverse events (default false)
     * @param l                   distinct adverse-event outcomes each release class needs (default 2)
     */
    public record AdverseEvents(List<String> withheldCategories, Boolean releaseUnclassified, Integer l) {
        public AdverseEvents {
            releaseUnclassified = releaseUnclassified != null && releaseUnclassified;
            l = l == null ? 2 : l;
        }
    }
}
