package org.transitionnet.ig.catalogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The whole catalogue: state variables and the action-class hierarchy, with one version. */
public record MappingCatalogue(
    String version, List<StateVariable> stateVariables, List<ActionClass> actionClasses) {

  public Optional<StateVariable> stateVariable(String id) {
    return stateVariables.stream().filter(v -> v.id().equals(id)).findFirst();
  }

  public Optional<ActionClass> actionClass(String id) {
    return actionClasses.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  public List<ActionClass> childrenOf(String id) {
    return actionClasses.stream().filter(c -> id.equals(c.parent())).toList();
  }

  /** The class itself, then its parent, up to the root. Stops on unknown parents and cycles. */
  public List<ActionClass> lineage(String id) {
    Map<String, ActionClass> byId = new LinkedHashMap<>();
    actionClasses.forEach(c -> byId.put(c.id(), c));
    List<ActionClass> path = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    ActionClass current = byId.get(id);
    while (current != null && seen.add(current.id())) {
      path.add(current);
      current = current.parent() == null ? null : byId.get(current.parent());
    }
    return path;
  }

  /** Expected effects apply to a class and all its descendants: the union along the lineage. */
  public Set<String> effectiveExpectedEffects(String id) {
    Set<String> effects = new LinkedHashSet<>();
    lineage(id).forEach(c -> effects.addAll(c.expectedEffects()));
    return effects;
  }
}
