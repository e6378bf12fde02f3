package org.transitionnet.server.release.policy;

import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Consent;

/**
 * Whether a patient's record may be used for research, from their Consent resources with the
 * research scope ({@code http://terminology.hl7.org/CodeSystem/consentscope|research}). An active
 * research Consent whose base provision denies always excludes the patient. In {@code OPT_IN} mode
 * a patient is exported only with an active permitting research Consent. When several apply, the
 * most recent decides; a deny on the same date wins.
 */
public final class ConsentPolicy {

    public static final String SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope";
    public static final String SCOPE_RESEARCH = "research";

    public enum Mode {
        /** Exported unless a research Consent denies. */
        OPT_OUT,
        /** Exported only with a research Consent that permits. */
        OPT_IN
    }

    private final Mode mode;

    public ConsentPolicy(Mode mode) {
        this.mode = mode;
    }

    public boolean mayExport(List<Consent> consents) {
        Consent latest = null;
        for (Consent c : consents) {
            if (c.getStatus() != Consent.ConsentState.ACTIVE || !isResearch(c)) {
                continue;
            }
            if (latest == null || later(c, latest) || (sameTime(c, latest) && denies(c))) {
                latest = c;
            }
        }
        if (latest == null) {
            return mode == Mode.OPT_OUT;
        }
        return !denies(latest);
    }

    private static boolean isResearch(Consent c) {
        return c.getScope().getCoding().stream()
                .anyMatch(s -> SCOPE_SYSTEM.equals(s.getSystem()) && SCOPE_RESEARCH.equals(s.getCode()));
    }

    /** A missing provision type counts as deny: an unclear research consent must not export. */
    private static boolean denies(Consent c) {
        return !c.hasProvision() || c.getProvision().getType() != Consent.ConsentProvisionType.PERMIT;
    }

    private static boolean later(Consent a, Consent b) {
        return time(a).after(time(b));
    }

    private static boolean sameTime(Consent a, Consent b) {
        return time(a).equals(time(b));
    }

    private static Date time(Consent c) {
        return c.hasDateTime() ? c.getDateTime() : new Date(0);
    }
}
