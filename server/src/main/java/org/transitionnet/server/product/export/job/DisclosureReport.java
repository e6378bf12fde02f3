package org.transitionnet.server.product.export.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.transitionnet.catalogue.MappingCatalogue;
import org.transitionnet.catalogue.StateVariable;
import org.transitionnet.server.release.deid.DeidEngines;
import org.transitionnet.server.release.deid.ReleasedValues;
import org.transitionnet.server.release.policy.AdverseEventDisclosure;
import org.transitionnet.server.release.policy.KAnonymity;
import org.transitionnet.server.release.policy.SetValuedAnonymity;
import org.transitionnet.server.release.policy.SubjectQuasi;
import org.transitionnet.server.release.policy.UniqueValues;

/**
 * What one research export disclosed, for the data recipient and the privacy officer: which
 * quasi-identifiers were released and how they were counted (k, the smallest group), how many
 * subjects each attribute was generalized or suppressed for, how dates were shifted and coarsened,
 * which times are common to the whole export, and whether pseudonyms link to other exports. Shown in
 * the manifest and downloadable on its own.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DisclosureReport {

    public static final String PSEUDONYMS_CONSISTENT = "consistent";
    public static final String PSEUDONYMS_PER_EXPORT = "per-export";

    /**
     * consistent (the same in every export under the server's key) or per-export (pseudonyms and shifts of this
     * export alone; content can still link, see the research export documentation).
     */
    @JsonProperty("pseudonyms")
    public String pseudonyms;

    @JsonProperty("k")
    public int k;
    /** Every quasi-identifier released about some subject, across all outputs (joined by pseudonym). */
    @JsonProperty("quasiIdentifiers")
    public List<String> quasiIdentifiers = new ArrayList<>();

    @JsonProperty("subjects")
    public int subjects;

    @JsonProperty("subjectsReleased")
    public int subjectsReleased;

    @JsonProperty("subjectsSuppressed")
    public int subjectsSuppressed;
    /** The smallest number of subjects sharing one released combination of quasi-identifiers (≥ k; null when none released). */
    @JsonProperty("smallestGroup")
    public Integer smallestGroup;
    /** Subjects released at each step of the generalization ladder (index 0 = unchanged). */
    @JsonProperty("subjectsPerLevel")
    public List<Integer> subjectsPerLevel = new ArrayList<>();

    @JsonProperty("generalizationLadder")
    public List<String> generalizationLadder = List.of(
            "0: as de-identified",
            "1: birth year removed",
            "2: Patient reduced to gender, ZIP3, state and country",
            "3: 20-year age bands",
            "4: ZIP3 removed",
            "5: age band removed",
            "otherwise: subject suppressed from every output");
    /** Per quasi-identifier: subjects it was released for unchanged, generalized (or removed), and suppressed. */
    @JsonProperty("attributes")
    public Map<String, AttributeCounts> attributes = new TreeMap<>();

    @JsonProperty("dateShift")
    public DateShift dateShift;
    /** Precision clinical times are released at ("day": no time of day). */
    @JsonProperty("clinicalTimePrecision")
    public String clinicalTimePrecision;
    /** The one non-clinical time in the output, common to every subject: the export's transaction time. */
    @JsonProperty("releaseTime")
    public String releaseTime;

    @JsonProperty("timeRule")
    public String timeRule =
            "Every released time is either a clinical time shifted by the subject's keyed offset and coarsened "
                    + "to clinicalTimePrecision, or the release time common to the whole export (Bundle.timestamp, Provenance.recorded); "
                    + "server times (meta.lastUpdated, issued) are removed. Research records carry day offsets only.";

    @JsonProperty("ruleSetVersion")
    public String ruleSetVersion;

    /**
     * Which key family pseudonyms and shifts were made under: the server key's fingerprint, and whether this
     * export derived a key of its own from it (per-export) or used it as it is (consistent).
     */
    @JsonProperty("key")
    public KeyFamily key;

    /** The key and how this export used it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class KeyFamily {
        /** The server key's public fingerprint: equal in two reports exactly when both exports used the same key. */
        @JsonProperty("fingerprint")
        public String fingerprint;

        @JsonProperty("derivation")
        public String derivation;
        /** Set when the key is published with the server: then nothing keyed by it is secret. */
        @JsonProperty("warning")
        public String warning;
    }

    @JsonProperty("attributeCounting")
    public String attributeCounting =
            "attributes counts subjects, not records: for each quasi-identifier, released + generalized + suppressed "
                    + "is the number of subjects whose data carries it (subjectsWith), which can be fewer than "
                    + "subjects; generalized includes subjects for whom it was removed at a ladder step, suppressed "
                    + "those left out of every output.";
    /** Categories never released as adverse events, what they withheld, and l-diversity of the outcome. */
    @JsonProperty("adverseEvents")
    public AdverseEventDisclosure adverseEvents;

    /**
     * Days of the windows research records' day offsets, intervals and durations are released in (placed by this
     * export's own key); 1: exact offsets (consistent pseudonyms, where offsets link anyway).
     */
    @JsonProperty("dayOffsetWindowDays")
    public Integer dayOffsetWindowDays;

    /** Subjects holding a (state variable, value) no other released subject holds, as measured and as released. */
    @JsonProperty("uniqueValues")
    public UniqueValueCounts uniqueValues;

    /**
     * Per state variable released: the rounding step, the values the tails were coded to and the values suppressed
     * (research records).
     */
    @JsonProperty("valueCoding")
    public Map<String, ValueCoding> valueCoding;

    /** k^m over each subject's action classes, state variables and record count. */
    @JsonProperty("setValued")
    public SetValued setValued;

    /** The risk figures of the release in one place. */
    @JsonProperty("risk")
    public Risk risk;

    /** What the set-valued check counted and did. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class SetValued {
        @JsonProperty("m")
        public int m;

        @JsonProperty("k")
        public int k;

        @JsonProperty("items")
        public String items =
                "each subject's set of released action classes (the records' and their co-interventions'), "
                        + "set of state variables, and record count as a band";
        /** The fewest subjects sharing one released combination of up to m items (the release's set-valued k). */
        @JsonProperty("smallestSupport")
        public Integer smallestSupport;
        /** Action classes released as their parent class for every subject (global recoding). */
        @JsonProperty("generalizedClasses")
        public List<String> generalizedClasses;
        /** How record counts are released. */
        @JsonProperty("recordCount")
        public String recordCount;

        @JsonProperty("itemsSuppressed")
        public int itemsSuppressed;

        @JsonProperty("subjectsSuppressed")
        public int subjectsSuppressed;

        @JsonProperty("recordsSuppressed")
        public int recordsSuppressed;

        @JsonProperty("recordsGeneralized")
        public int recordsGeneralized;

        /** Records left out so that each subject's record count is one many subjects share. */
        @JsonProperty("recordsLeftOut")
        public int recordsLeftOut;

        /** Bundles not released because an item of theirs was generalized or suppressed (a bundle cannot be generalized). */
        @JsonProperty("bundlesSuppressed")
        public int bundlesSuppressed;

        public static SetValued of(SetValuedAnonymity.Plan plan) {
            SetValued v = new SetValued();
            v.m = plan.m();
            v.k = plan.k();
            v.smallestSupport = plan.smallestSupport();
            v.generalizedClasses = plan.generalizedActionClasses();
            v.recordCount = "exact, each count shared by at least k subjects: a rarer count is lowered by leaving "
                    + "records out";
            v.recordsLeftOut = plan.recordsLeftOut();
            v.itemsSuppressed = plan.itemsSuppressed();
            v.subjectsSuppressed = plan.subjectsSuppressed();
            return v;
        }
    }

    /**
     * Re-identification risk as ARX defines it over the demographic classes (prosecutor: the target is known to be in
     * the release; journalist: matched against every subject the release was made from), the share of subjects a
     * value of their own singles out, the set-valued k, and l of each sensitive attribute.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Risk {
        @JsonProperty("prosecutorHighest")
        public Double prosecutorHighest;

        @JsonProperty("prosecutorAverage")
        public Double prosecutorAverage;

        @JsonProperty("journalistHighest")
        public Double journalistHighest;

        @JsonProperty("journalistAverage")
        public Double journalistAverage;

        @JsonProperty("uniqueValueShare")
        public Double uniqueValueShare;

        @JsonProperty("setValuedK")
        public Integer setValuedK;

        /** Per sensitive attribute: the fewest distinct values of a release class whose attribute is released. */
        @JsonProperty("l")
        public Map<String, Integer> l = new TreeMap<>();

        @JsonProperty("keyFingerprint")
        public String keyFingerprint;

        @JsonProperty("keyWarning")
        public String keyWarning;
    }

    /** How many released subjects a value of their own singles out, before and after rounding and coding. */
    public static class UniqueValueCounts {
        @JsonProperty("subjects")
        public int subjects;

        @JsonProperty("subjectsWithUniqueValueBefore")
        public int subjectsWithUniqueValueBefore;

        @JsonProperty("subjectsWithUniqueValueAfter")
        public int subjectsWithUniqueValueAfter;

        @JsonProperty("shareBefore")
        public double shareBefore;

        @JsonProperty("shareAfter")
        public double shareAfter;

        @JsonProperty("goal")
        public String goal = "at most 5 % of subjects at 100 patients, 1 % at 1,000";

        public static UniqueValueCounts of(UniqueValues before, UniqueValues after) {
            UniqueValueCounts c = new UniqueValueCounts();
            c.subjects = after.subjects();
            c.subjectsWithUniqueValueBefore = before.subjectsWithUniqueValue();
            c.subjectsWithUniqueValueAfter = after.subjectsWithUniqueValue();
            c.shareBefore = Math.round(before.share() * 1000) / 1000.0;
            c.shareAfter = Math.round(after.share() * 1000) / 1000.0;
            return c;
        }
    }

    /** The release precision of one variable and where this release top- and bottom-coded it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ValueCoding {
        @JsonProperty("precision")
        public BigDecimal precision;

        @JsonProperty("bottomCodedAt")
        public BigDecimal bottomCodedAt;

        @JsonProperty("topCodedAt")
        public BigDecimal topCodedAt;

        /** Distinct released values not released because too few subjects held them (absent when none). */
        @JsonProperty("suppressedValues")
        public Integer suppressedValues;
    }

    /** The value coding of every variable the release's records carry. */
    public static Map<String, ValueCoding> valueCoding(MappingCatalogue catalog, ReleasedValues values) {
        Map<String, ValueCoding> coding = new TreeMap<>();
        for (StateVariable v : catalog.stateVariables()) {
            ReleasedValues.Limits limits = values.limits(v.id());
            if (limits == null || v.release() == null) {
                continue;
            }
            ValueCoding c = new ValueCoding();
            c.precision = v.release().precision();
            c.bottomCodedAt = limits.bottom();
            c.topCodedAt = limits.top();
            int suppressed = values.suppressedValues(v.id());
            c.suppressedValues = suppressed == 0 ? null : suppressed;
            coding.put(v.id(), c);
        }
        return coding;
    }

    /** Counts of one quasi-identifier, in subjects. */
    public static class AttributeCounts {
        @JsonProperty("released")
        public int released;

        @JsonProperty("generalized")
        public int generalized;

        @JsonProperty("suppressed")
        public int suppressed;

        /** Subjects whose data carries this attribute: released + generalized + suppressed. */
        @JsonProperty(value = "subjectsWith", access = JsonProperty.Access.READ_ONLY)
        public int subjectsWith() {
            return released + generalized + suppressed;
        }
    }

    /** The per-subject date shift: keyed, never zero, within ±maxDays. */
    public static class DateShift {
        @JsonProperty("perSubject")
        public boolean perSubject = true;

        @JsonProperty("minDays")
        public int minDays;

        @JsonProperty("maxDays")
        public int maxDays;

        @JsonProperty("zeroExcluded")
        public boolean zeroExcluded = true;
        /** Whether a subject's shift is the same in other exports (consistent pseudonyms) or this export's alone. */
        @JsonProperty("scope")
        public String scope;
    }

    /** The export-wide part of the report: pseudonyms, k, date shift and coarsening, release time; subjects are counted in later. */
    public static DisclosureReport of(ExportJobParameters parameters, DeidEngines deid) {
        DisclosureReport r = new DisclosureReport();
        r.pseudonyms = parameters.getPseudonyms();
        r.k = parameters.getK();
        r.dateShift = new DateShift();
        r.dateShift.minDays = -deid.maxShiftDays();
        r.dateShift.maxDays = deid.maxShiftDays();
        r.dateShift.scope = PSEUDONYMS_PER_EXPORT.equals(r.pseudonyms)
                ? "this export only"
                : "the same in every export under the server's key";
        r.clinicalTimePrecision = deid.rules().clinicalTimePrecision();
        r.releaseTime = parameters.getTransactionTime();
        r.ruleSetVersion = deid.rules().version();
        r.key = new KeyFamily();
        r.key.fingerprint = deid.keyFingerprint();
        r.key.derivation = PSEUDONYMS_PER_EXPORT.equals(r.pseudonyms)
                ? "this export's own key: HMAC of the export's random salt under the server key"
                : "the server key itself: pseudonyms and shifts equal those of every consistent export under it";
        if (deid.publicKeyInUse()) {
            r.key.warning = "The server's key is the quick start's published demo key: anyone can recompute every "
                    + "pseudonym and date shift of this export. Set transitionnet.deid.key to a secret before "
                    + "releasing real data.";
        }
        return r;
    }

    /** Adds one subject's outcome under the plan. */
    public void count(SubjectQuasi subject, KAnonymity.Plan plan) {
        subjects++;
        int level = plan.level(subject);
        if (level < 0) {
            subjectsSuppressed++;
        } else {
            subjectsReleased++;
            while (subjectsPerLevel.size() <= level) {
                subjectsPerLevel.add(0);
            }
            subjectsPerLevel.set(level, subjectsPerLevel.get(level) + 1);
            int size = plan.groupSize(subject);
            smallestGroup = smallestGroup == null ? size : Math.min(smallestGroup, size);
        }
        if (subject.sex() != null) {
            attribute("sex", level, false);
        }
        if (!subject.recordAges().isEmpty()) {
            attribute("ageBand", level, level >= 3);
        }
        for (String path : subject.patientAttributes()) {
            attribute("Patient." + path, level, level >= 0 && !KAnonymity.releasedAt(level, path));
        }
    }

    private void attribute(String name, int level, boolean generalized) {
        if (!quasiIdentifiers.contains(name)) {
            quasiIdentifiers.add(name);
            quasiIdentifiers.sort(null);
        }
        AttributeCounts c = attributes.computeIfAbsent(name, n -> new AttributeCounts());
        if (level < 0) {
            c.suppressed++;
        } else if (generalized) {
            c.generalized++;
        } else {
            c.released++;
        }
    }
}
