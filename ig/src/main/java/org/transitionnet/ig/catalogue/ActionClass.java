package org.transitionnet.ig.catalogue;

import java.util.List;

/** A node of the action-class hierarchy; see mappings/README.md for each field. */
public record ActionClass(
    String id,
    String display,
    String kind,
    String parent,
    List<CodeRef> atc,
    List<CodeRef> medications,
    List<CodeRef> carePlanCategories,
    List<CodeRef> carePlanActivities,
    List<String> expectedEffects) {

  public boolean isRoot() {
    return parent == null;
  }
}
