package org.transitionnet.ig.catalogue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cross-reference checks of a loaded catalogue. The package build refuses a catalogue with
 * problems, and the tests assert there are none, so the server never loads an inconsistent one.
 */
public final class CatalogueChecker {

  private static final Pattern SEMVER = Pattern.compile("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  public List<String> problems(MappingCatalogue catalogue) {
    List<String> problems = new ArrayList<>();
    if (!SEMVER.matcher(catalogue.version()).matches()) {
      problems.add("version '" + catalogue.version() + "' is not a semantic version");
    }
    checkStateVariables(catalogue, problems);
    checkActionClasses(catalogue, problems);
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
      if (!v.acceptedUnits().contains(v.canonicalUnit())) {
        problems.add("state variable " + v.id() + ": canonical unit " + v.canonicalUnit()
            + " is not among its accepted units");
      }
      if (v.minimalMeaningfulChange() <= 0) {
        problems.add("state variable " + v.id() + ": minimalMeaningfulChange must be positive");
      }
      if (!(v.plausibleMin() < v.plausibleMax())) {
        problems.add("state variable " + v.id() + ": plausibleRange needs min < max");
      }
      if (v.baselineDaysBefore() < 0 || v.followUpMinDaysAfter() < 0
          || v.followUpMaxDaysAfter() < v.followUpMinDaysAfter()) {
        problems.add("state variable " + v.id() + ": windows must be non-negative and min <= max");
      }
      for (Measurement m : v.measurements()) {
        String key = m.observationCode().system() + "|" + m.observationCode().code()
            + (m.isComponent() ? "#" + m.component().system() + "|" + m.component().code() : "");
        String previous = measuredBy.put(key, v.id());
        if (previous != null) {
          problems.add("measurement " + key + " maps to both " + previous + " and " + v.id());
        }
      }
    }
  }

  private void checkActionClasses(MappingCatalogue catalogue, List<String> problems) {
    Set<String> ids = new HashSet<>();
    Map<String, String> codeOwner = new HashMap<>();
    for (ActionClass c : catalogue.actionClasses()) {
      checkId(c.id(), ids, "action class", problems);
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
      List<CodeRef> owned = new ArrayList<>();
      owned.addAll(c.atc());
      owned.addAll(c.medications());
      owned.addAll(c.carePlanCategories());
      owned.addAll(c.carePlanActivities());
      for (CodeRef code : owned) {
        String previous = codeOwner.put(code.system() + "|" + code.code(), c.id());
        if (previous != null) {
          problems.add("code " + code.system() + "|" + code.code() + " is in both " + previous
              + " and " + c.id());
        }
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
