package org.transitionnet.catalogue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every consistency check of a loaded catalogue, in one place: the IG build and the server both
 * refuse a catalogue with problems (through {@link CatalogueLoader#loadValid}), so neither publishes
 * nor derives with an inconsistent one.
 */
public final class CatalogueChecker {

    private static final Pattern SEMVER = Pattern.compile("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern RESOURCE_TYPE = Pattern.compile("[A-Z][A-Za-z]+");
    /** An element of a resource, named as its search parameter is (the patient reference of an action kind). */
    private static final Pattern ELEMENT_NAME = Pattern.compile("[a-z][A-Za-z0-9]*");

    public List<String> problems(MappingCatalogue catalogue) {
        List<String> problems = new ArrayList<>();
        if (!SEMVER.matcher(catalogue.version()).matches()) {
            problems.add("version '" + catalogue.version() + "' is not a semantic version");
        }
        checkStateVariables(catalogue, problems);
        checkActionKinds(catalogue, problems);
        checkActionClasses(catalogue, problems);
        checkConditionClasses(catalogue, problems);
        return problems;
    }

    private void checkStateVariables(MappingCatalogue catalogue, List<String> problems) {
        Set<String> ids = new HashSet<>();
        Map<String, String> measuredBy = new HashMap<>();
        for (StateVariable v : catalogue.stateVariables()) {
            checkId(v.id(), ids, "state variable", problems);
            if (v.measurements().isEmpty()) {
                problems.add("state variable " + v.id() + " has no measurements");
            }
            if (v.plausibleRange() != null
                    && !(v.plausibleRange().min().compareTo(v.plausibleRange().max()) < 0)) {
                problems.add("state variable " + v.id() + ": plausibleRange needs min < max");
            }
            if (v.release() != null) {
                checkRelease(v, problems);
            }
            if (!v.acceptedUnits().contains(v.canonicalUnit())) {
                problems.add("state variable " + v.id() + ": canonical unit " + v.canonicalUnit()
                        + " is not among its accepted units");
            }
            if (v.minimalMeaningfulChange().signum() <= 0) {
                problems.add("state variable " + v.id() + ": minimalMeaningfulChange must be positive");
            }
            if (v.baselineDaysBefore() < 0
                    || v.followUpMinDaysAfter() < 0
                    || v.followUpMaxDaysAfter() < v.followUpMinDaysAfter()) {
                problems.add("state variable " + v.id() + ": windows must be non-negative and min <= max");
            }
            for (Measurement m : v.measurements()) {
                String key =
                        m.observationCode().system() + "|" + m.observationCode().code()
                                + (m.isComponent()
                                        ? "#" + m.component().system() + "|"
                                                + m.component().code()
                                        : "");
                String previous = measuredBy.put(key, v.id());
                if (previous != null) {
                    problems.add("measurement " + key + " maps to both " + previous + " and " + v.id());
                }
            }
        }
    }

    private static void checkRelease(StateVariable v, List<String> problems) {
        ReleasePrecision r = v.release();
        if (r.precision().signum() <= 0) {
            problems.add("state variable " + v.id() + ": release precision must be positive");
        }
        if (r.bottomPercentile() < 0 || r.topPercentile() > 100 || !(r.bottomPercentile() < r.topPercentile())) {
            problems.add("state variable " + v.id()
                    + ": release percentiles need 0 <= bottomCodePercentile < topCodePercentile <= 100");
        }
        if (r.precision().compareTo(v.minimalMeaningfulChange()) > 0) {
            problems.add(
                    "state variable " + v.id()
                            + ": release precision is coarser than its minimalMeaningfulChange, so released changes could not be told apart");
        }
    }

    private void checkActionKinds(MappingCatalogue catalogue, List<String> problems) {
        Set<String> ids = new HashSet<>();
        Map<String, String> kindOfType = new HashMap<>();
        for (ActionKind k : catalogue.actionKinds()) {
            checkId(k.id(), ids, "action kind", problems);
            if (!RESOURCE_TYPE.matcher(k.resourceType()).matches()) {
                problems.add("action kind " + k.id() + ": resourceType '" + k.resourceType()
                        + "' is not a FHIR resource type name");
            }
            String previous = kindOfType.put(k.resourceType(), k.id());
            if (previous != null) {
                problems.add("action kinds " + previous + " and " + k.id() + " both read " + k.resourceType());
            }
            if (!ELEMENT_NAME.matcher(k.patientReference()).matches()) {
                problems.add("action kind " + k.id() + ": patientReference '" + k.patientReference()
                        + "' is not an element name (such as subject or patient)");
            }
            if (k.start().isEmpty()) {
                problems.add("action kind " + k.id() + " has no start");
            }
            if (k.statuses().isEmpty()) {
                problems.add("action kind " + k.id() + " maps no status");
            }
            k.statuses().forEach((from, to) -> {
                if (!ActionKind.EPISODE_STATUSES.contains(to)) {
                    problems.add("action kind " + k.id() + ": status " + from + " maps to '" + to + "', not one of "
                            + ActionKind.EPISODE_STATUSES);
                }
            });
            if (k.codes().isEmpty()) {
                problems.add("action kind " + k.id() + " has no code elements");
            }
            k.codes().stream()
                    .filter(c -> c.classCodes().isEmpty())
                    .forEach(c -> problems.add(
                            "action kind " + k.id() + ": code element " + c.path() + " names no class code list"));
        }
    }

    private void checkActionClasses(MappingCatalogue catalogue, List<String> problems) {
        Set<String> ids = new HashSet<>();
        Map<String, String> codeOwner = new HashMap<>();
        for (ActionClass c : catalogue.actionClasses()) {
            checkId(c.id(), ids, "action class", problems);
            ActionKind kind = catalogue.actionKind(c.kind()).orElse(null);
            if (kind == null) {
                problems.add("action class " + c.id() + " has unknown kind " + c.kind());
            } else {
                Set<String> read = new HashSet<>();
                kind.codes().forEach(e -> read.addAll(e.classCodes()));
                c.codes().keySet().stream()
                        .filter(list -> !read.contains(list))
                        .sorted()
                        .forEach(list -> problems.add("action class " + c.id() + " lists '" + list
                                + "', which its kind " + kind.id() + " does not read"));
            }
            if (c.parent() != null) {
                ActionClass parent = catalogue.actionClass(c.parent()).orElse(null);
                if (parent == null) {
                    problems.add("action class " + c.id() + " has unknown parent " + c.parent());
                } else if (!parent.kind().equals(c.kind())) {
                    problems.add("action class " + c.id() + " is a " + c.kind() + " under a " + parent.kind());
                }
            }
            List<ActionClass> lineage = catalogue.lineage(c.id());
            ActionClass top = lineage.get(lineage.size() - 1);
            if (top.parent() != null && catalogue.actionClass(top.parent()).isPresent()) {
                problems.add("action class " + c.id() + " is part of a parent cycle");
            }
            for (String effect : c.expectedEffects()) {
                if (catalogue.stateVariable(effect).isEmpty()) {
                    problems.add("action class " + c.id() + " expects unknown state variable " + effect);
                }
            }
            for (CodeRef code : c.allCodes()) {
                String previous = codeOwner.put(code.system() + "|" + code.code(), c.id());
                if (previous != null) {
                    problems.add(
                            "code " + code.system() + "|" + code.code() + " is in both " + previous + " and " + c.id());
                }
            }
        }
    }

    private void checkConditionClasses(MappingCatalogue catalogue, List<String> problems) {
        Set<String> ids = new HashSet<>();
        for (ConditionCategory category : catalogue.conditionCategories()) {
            checkId(category.id(), ids, "condition category", problems);
        }
        Map<String, String> categoryOf = new HashMap<>();
        for (ClassifiedCondition condition : catalogue.conditions()) {
            String code = condition.code().system() + "|" + condition.code().code();
            if (catalogue.conditionCategory(condition.category()).isEmpty()) {
                problems.add("condition " + code + " has unknown category " + condition.category()
                        + " (declare it under 'categories')");
            }
            String previous = categoryOf.put(code, condition.category());
            if (previous != null) {
                problems.add(
                        "condition " + code + " is classified twice (" + previous + ", " + condition.category() + ")");
            }
        }
    }

    private static void checkId(String id, Set<String> ids, String what, List<String> problems) {
        if (!ID.matcher(id).matches()) {
            problems.add(what + " id '" + id + "' must be lower-case words joined by '-'");
        }
        if (!ids.add(id)) {
            problems.add("duplicate " + what + " id " + id);
        }
    }
}
