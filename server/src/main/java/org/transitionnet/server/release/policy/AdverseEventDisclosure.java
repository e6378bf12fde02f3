package org.transitionnet.server.release.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a release disclosed about adverse events, in its disclosure report (research export) or card
 * (benchmark dataset): the categories never released as adverse events and how many events each
 * withheld, and the l-diversity of the adverse-event outcome within the release classes, with the
 * classes whose outcome field was suppressed and why. One shape for every product, so a privacy
 * officer reads them alike.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AdverseEventDisclosure {

    /** Withheld sensitive categories, not-an-event categories, and "unclassified" unless released. */
    @JsonProperty("withheldCategories")
    public List<String> withheldCategories = new ArrayList<>();
    /** Events (new conditions, adverse events) of released transitions not released as adverse events. */
    @JsonProperty("withheld")
    public int withheld;

    @JsonProperty("withheldPerCategory")
    public Map<String, Integer> withheldPerCategory = new TreeMap<>();
    /** The outcome l-diversity is counted on. */
    @JsonProperty("outcome")
    public String outcome = "whether a subject has a released adverse event";
    /** Distinct outcomes each release class needs. */
    @JsonProperty("l")
    public int l;
    /** Release classes (the k-anonymity classes) holding a subject with a released outcome. */
    @JsonProperty("classes")
    public int classes;
    /** Classes with fewer than l distinct outcomes: their outcome field is suppressed. */
    @JsonProperty("classesSuppressed")
    public int classesSuppressed;
    /** Subjects whose outcome field was suppressed. */
    @JsonProperty("subjectsSuppressed")
    public int subjectsSuppressed;
    /** The smallest number of distinct outcomes in a class whose outcome is released (null when none is). */
    @JsonProperty("smallestL")
    public Integer smallestL;

    @JsonProperty("suppressionReason")
    public String suppressionReason =
            "fewer than l distinct adverse-event outcomes among the subjects of the release class: the outcome would "
                    + "be known for every subject of the class";

    /** Adds events withheld, per reason. */
    public void addWithheld(Map<String, Integer> perCategory) {
        perCategory.forEach((category, n) -> {
            withheld += n;
            withheldPerCategory.merge(category, n, Integer::sum);
        });
    }

    /** Takes the l-diversity counts of a plan. */
    public void count(LDiversity.Plan plan) {
        classes = plan.classes();
        classesSuppressed = plan.classesSuppressed();
        subjectsSuppressed = plan.subjectsSuppressed();
        smallestL = plan.smallestReleasedL();
    }
}
