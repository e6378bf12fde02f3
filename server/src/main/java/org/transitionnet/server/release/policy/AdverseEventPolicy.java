package org.transitionnet.server.release.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.transitionnet.catalogue.ConditionCategory;
import org.transitionnet.catalogue.MappingCatalogue;

/**
 * Which of the new conditions and adverse events recorded during a follow-up a release may publish as
 * adverse events. Synthea, like many EHRs, records social circumstances (abuse, a drug overdose, a
 * criminal record) as Conditions; published as a transition's adverse event they would disclose the
 * most sensitive facts a record holds. The catalogue classifies condition codes ({@code condition-classes.yaml}):
 * only clinical adverse events are released; status and history findings never are; sensitive
 * categories are withheld unless the release policy lets one through; a code the catalogue does not
 * classify is withheld unless the policy releases unclassified codes. Every product (research export,
 * benchmark dataset) asks this one policy, so none decides differently.
 */
public final class AdverseEventPolicy {

    /** The reason of an event whose code the catalogue does not classify. */
    public static final String UNCLASSIFIED = "unclassified";

    private final MappingCatalogue catalogue;
    private final Set<String> withheldCategories;
    private final boolean releaseUnclassified;
    private final int l;

    /**
     * @param withheldCategories  sensitive categories withheld; null: every sensitive category of the catalogue
     * @param releaseUnclassified whether codes the catalogue does not classify are released as adverse events
     * @param l                   distinct adverse-event outcomes each release class needs (l-diversity), at least 1
     */
    public AdverseEventPolicy(
            MappingCatalogue catalogue, List<String> withheldCategories, boolean releaseUnclassified, int l) {
        this.catalogue = catalogue;
        this.releaseUnclassified = releaseUnclassified;
        if (l < 1) {
            throw new IllegalArgumentException("transitionnet.release.adverse-events.l must be at least 1, not " + l);
        }
        this.l = l;
        Set<String> withheld = new LinkedHashSet<>();
        if (withheldCategories == null) {
            catalogue.conditionCategories().stream()
                    .filter(ConditionCategory::isSensitive)
                    .forEach(c -> withheld.add(c.id()));
        } else {
            for (String id : withheldCategories) {
                ConditionCategory category = catalogue
                        .conditionCategory(id.strip())
                        .orElseThrow(() -> new IllegalArgumentException(
                                "transitionnet.release.adverse-events.withheld-categories names " + id
                                        + ", which is no condition category of the mapping catalogue "
                                        + catalogue.version()));
                if (!category.isSensitive()) {
                    throw new IllegalArgumentException("transitionnet.release.adverse-events.withheld-categories names "
                            + id + ", which is not a sensitive category (its role is "
                            + category.role().code() + ")");
                }
                withheld.add(category.id());
            }
        }
        this.withheldCategories = Set.copyOf(withheld);
    }

    /** Every sensitive category withheld, unclassified codes withheld, l = 2. */
    public static AdverseEventPolicy defaults(MappingCatalogue catalogue) {
        return new AdverseEventPolicy(catalogue, null, false, 2);
    }

    /**
     * Why an event is not released as an adverse event: the id of its withheld category, of its
     * not-an-event category, or {@link #UNCLASSIFIED}; null when it is released. A code classified in
     * a withheld category withholds the event whatever its other codings say.
     */
    public String withholdReason(CodeableConcept event) {
        String released = null;
        if (event != null) {
            for (Coding coding : event.getCoding()) {
                ConditionCategory category = catalogue
                        .categoryOfCondition(coding.getSystem(), coding.getCode())
                        .orElse(null);
                if (category == null) {
                    continue;
                }
                if (isWithheld(category)) {
                    return category.id();
                }
                released = category.id();
            }
        }
        return released != null || releaseUnclassified ? null : UNCLASSIFIED;
    }

    private boolean isWithheld(ConditionCategory category) {
        return switch (category.role()) {
            case ADVERSE_EVENT -> false;
            case NOT_AN_EVENT -> true;
            case SENSITIVE -> withheldCategories.contains(category.id());
        };
    }

    public boolean releases(CodeableConcept event) {
        return withholdReason(event) == null;
    }

    /** The events released as adverse events, in their order. */
    public List<CodeableConcept> released(List<CodeableConcept> events) {
        List<CodeableConcept> out = new ArrayList<>();
        events.stream().filter(this::releases).forEach(out::add);
        return out;
    }

    /** How many of the events are withheld, per reason. */
    public Map<String, Integer> withheld(List<CodeableConcept> events) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (CodeableConcept event : events) {
            String reason = withholdReason(event);
            if (reason != null) {
                out.merge(reason, 1, Integer::sum);
            }
        }
        return out;
    }

    /**
     * What is never released as an adverse event, in catalogue order: the withheld sensitive categories, the
     * not-an-event categories, and {@link #UNCLASSIFIED} unless unclassified codes are released.
     */
    public List<String> withheldCategories() {
        List<String> out = new ArrayList<>();
        catalogue.conditionCategories().stream().filter(this::isWithheld).forEach(c -> out.add(c.id()));
        if (!releaseUnclassified) {
            out.add(UNCLASSIFIED);
        }
        return out;
    }

    public boolean releasesUnclassified() {
        return releaseUnclassified;
    }

    /** Distinct adverse-event outcomes each release class needs. */
    public int l() {
        return l;
    }

    /** The disclosure of a release under this policy, to be filled with its counts. */
    public AdverseEventDisclosure disclosure() {
        AdverseEventDisclosure d = new AdverseEventDisclosure();
        d.withheldCategories = withheldCategories();
        d.l = l;
        return d;
    }
}
