package org.transitionnet.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A node of the action-class hierarchy (e.g. metformin, biguanides, glucose-lowering): its action
 * kind, the codes that identify it and the state variables it is expected to move (inherited by its
 * descendants). See mappings/README.md for each field.
 *
 * @param kind  id of the {@link ActionKind} whose resources the class's codes are matched in
 * @param codes code lists by their name in the file (e.g. {@code medications}, {@code atc}); which
 *              resource element each list is matched against is said by the kind
 */
public record ActionClass(
        String id,
        String display,
        String kind,
        String parent,
        Map<String, List<CodeRef>> codes,
        List<String> expectedEffects) {

    public ActionClass {
        codes = Map.copyOf(codes);
        expectedEffects = List.copyOf(expectedEffects);
    }

    public boolean isRoot() {
        return parent == null;
    }

    /** The codes of one list, e.g. {@code codes("medications")}; empty when the class has none. */
    public List<CodeRef> codes(String list) {
        return codes.getOrDefault(list, List.of());
    }

    public List<CodeRef> atc() {
        return codes("atc");
    }

    public List<CodeRef> medications() {
        return codes("medications");
    }

    public List<CodeRef> carePlanCategories() {
        return codes("carePlanCategories");
    }

    public List<CodeRef> carePlanActivities() {
        return codes("carePlanActivities");
    }

    /** Every code of every list. */
    public List<CodeRef> allCodes() {
        List<CodeRef> all = new ArrayList<>();
        codes.keySet().stream().sorted().forEach(list -> all.addAll(codes.get(list)));
        return all;
    }
}
