package org.transitionnet.server.release.policy;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.transitionnet.catalogue.ActionClass;
import org.transitionnet.catalogue.MappingCatalogue;

/**
 * The one k^m policy every output applies ({@link SetValuedAnonymity}): how large a combination of items is counted,
 * and the hierarchy items are generalized along, which is the catalogue's action-class hierarchy (a drug-level class
 * is released as its class, then as the class's parent). State variables and counts have no parent here.
 */
public final class SetValuedPolicy {

    /** No set-valued check (m = 0). */
    public static final SetValuedPolicy OFF = new SetValuedPolicy(0, item -> null);

    private final int m;
    private final UnaryOperator<String> parent;

    private SetValuedPolicy(int m, UnaryOperator<String> parent) {
        this.m = m;
        this.parent = parent;
    }

    public static SetValuedPolicy of(MappingCatalogue catalog, int m) {
        return new SetValuedPolicy(m, item -> {
            if (!item.startsWith(SetValuedAnonymity.ACTION)) {
                return null;
            }
            return catalog.actionClass(item.substring(SetValuedAnonymity.ACTION.length()))
                    .map(ActionClass::parent)
                    .map(SetValuedPolicy::action)
                    .orElse(null);
        });
    }

    /** k^m over items without a hierarchy: what fails is suppressed, nothing is generalized. */
    public static SetValuedPolicy withoutHierarchy(int m) {
        return new SetValuedPolicy(m, item -> null);
    }

    /** The same hierarchy with another m (a release that asked for its own). */
    public SetValuedPolicy withM(int otherM) {
        return otherM == m ? this : new SetValuedPolicy(otherM, parent);
    }

    public int m() {
        return m;
    }

    public SetValuedAnonymity.Plan plan(Map<String, List<SetValuedAnonymity.Line>> subjects, int k) {
        return SetValuedAnonymity.plan(subjects, k, m, parent);
    }

    /** The item of an action class. */
    public static String action(String classId) {
        return SetValuedAnonymity.ACTION + classId;
    }

    /** The item of a state variable. */
    public static String variable(String variableId) {
        return SetValuedAnonymity.VARIABLE + variableId;
    }

    /** The action class an action item names; null for another item. */
    public static String actionClass(String item) {
        return item.startsWith(SetValuedAnonymity.ACTION) ? item.substring(SetValuedAnonymity.ACTION.length()) : null;
    }
}
