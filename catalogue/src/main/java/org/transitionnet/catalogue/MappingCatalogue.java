package org.transitionnet.catalogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The whole catalogue under one version: the action kinds, the state variables, the action-class
 * hierarchy and the classification of conditions (what a new condition may be released as), with the
 * look-ups derivation, releases and the IG build need. Holds what was loaded as it is;
 * {@link CatalogueChecker} says whether it is consistent (the loader's {@code loadValid} refuses it
 * otherwise).
 */
public final class MappingCatalogue {

    private final String version;
    private final List<ActionKind> actionKinds;
    private final List<StateVariable> stateVariables;
    private final List<ActionClass> actionClasses;
    private final Map<String, ActionKind> kindsById = new LinkedHashMap<>();
    private final Map<String, StateVariable> variablesById = new LinkedHashMap<>();
    private final Map<String, ActionClass> classesById = new LinkedHashMap<>();
    private final List<ConditionCategory> conditionCategories;
    private final List<ClassifiedCondition> conditions;
    private final Map<String, ConditionCategory> categoriesById = new LinkedHashMap<>();
    private final Map<String, String> categoryOfCode = new LinkedHashMap<>();

    /** A catalogue that classifies no condition (every condition is unclassified). */
    public MappingCatalogue(
            String version,
            List<ActionKind> actionKinds,
            List<StateVariable> stateVariables,
            List<ActionClass> actionClasses) {
        this(version, actionKinds, stateVariables, actionClasses, List.of(), List.of());
    }

    public MappingCatalogue(
            String version,
            List<ActionKind> actionKinds,
            List<StateVariable> stateVariables,
            List<ActionClass> actionClasses,
            List<ConditionCategory> conditionCategories,
            List<ClassifiedCondition> conditions) {
        this.version = version;
        this.actionKinds = List.copyOf(actionKinds);
        this.stateVariables = List.copyOf(stateVariables);
        this.actionClasses = List.copyOf(actionClasses);
        this.conditionCategories = List.copyOf(conditionCategories);
        this.conditions = List.copyOf(conditions);
        actionKinds.forEach(k -> kindsById.putIfAbsent(k.id(), k));
        stateVariables.forEach(v -> variablesById.putIfAbsent(v.id(), v));
        actionClasses.forEach(c -> classesById.putIfAbsent(c.id(), c));
        conditionCategories.forEach(c -> categoriesById.putIfAbsent(c.id(), c));
        conditions.forEach(
                c -> categoryOfCode.putIfAbsent(key(c.code().system(), c.code().code()), c.category()));
    }

    private static String key(String system, String code) {
        return system + "|" + code;
    }

    public String version() {
        return version;
    }

    public List<ActionKind> actionKinds() {
        return actionKinds;
    }

    public List<StateVariable> stateVariables() {
        return stateVariables;
    }

    public List<ActionClass> actionClasses() {
        return actionClasses;
    }

    /** The condition categories, in file order. */
    public List<ConditionCategory> conditionCategories() {
        return conditionCategories;
    }

    /** The classified condition codes, in file order. */
    public List<ClassifiedCondition> conditions() {
        return conditions;
    }

    public Optional<ConditionCategory> conditionCategory(String id) {
        return Optional.ofNullable(categoriesById.get(id));
    }

    /** The category of a condition code; empty when the catalogue does not classify the code. */
    public Optional<ConditionCategory> categoryOfCondition(String system, String code) {
        String id = system == null || code == null ? null : categoryOfCode.get(key(system, code));
        return id == null ? Optional.empty() : conditionCategory(id);
    }

    public Optional<ActionKind> actionKind(String id) {
        return Optional.ofNullable(kindsById.get(id));
    }

    public Optional<StateVariable> stateVariable(String id) {
        return Optional.ofNullable(variablesById.get(id));
    }

    public Optional<ActionClass> actionClass(String id) {
        return Optional.ofNullable(classesById.get(id));
    }

    /** The kind of a class. */
    public ActionKind kindOf(ActionClass actionClass) {
        ActionKind kind = kindsById.get(actionClass.kind());
        if (kind == null) {
            throw new CatalogueException(
                    "action class " + actionClass.id() + " has unknown kind " + actionClass.kind());
        }
        return kind;
    }

    /** The classes of one kind, in file order. */
    public List<ActionClass> actionClassesOf(ActionKind kind) {
        return actionClasses.stream().filter(c -> c.kind().equals(kind.id())).toList();
    }

    /** The resource types actions are recorded in, one per kind, in file order. */
    public Set<String> actionResourceTypes() {
        Set<String> types = new LinkedHashSet<>();
        actionKinds.forEach(k -> types.add(k.resourceType()));
        return types;
    }

    /**
     * The element that references the patient in each action resource type (the kind's
     * {@code patientReference}, {@code subject} unless it names another).
     */
    public Map<String, String> actionPatientReferences() {
        Map<String, String> references = new LinkedHashMap<>();
        actionKinds.forEach(k -> references.putIfAbsent(k.resourceType(), k.patientReference()));
        return references;
    }

    public List<ActionClass> childrenOf(String id) {
        return actionClasses.stream().filter(c -> id.equals(c.parent())).toList();
    }

    /** The class itself, then its parent, up to the root. Stops on unknown parents and cycles. */
    public List<ActionClass> lineage(String id) {
        List<ActionClass> path = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        ActionClass current = classesById.get(id);
        while (current != null && seen.add(current.id())) {
            path.add(current);
            current = current.parent() == null ? null : classesById.get(current.parent());
        }
        return path;
    }

    /** The class and its ancestors, most specific first. */
    public List<ActionClass> lineage(ActionClass actionClass) {
        return lineage(actionClass.id());
    }

    /** Expected effects apply to a class and all its descendants: the union along the lineage. */
    public Set<String> effectiveExpectedEffects(String id) {
        Set<String> effects = new LinkedHashSet<>();
        lineage(id).forEach(c -> effects.addAll(c.expectedEffects()));
        return effects;
    }

    /**
     * State variables a class is expected to move, each with the class that declares the expectation
     * (the class itself or its nearest ancestor that does): that pair names the mapping rule.
     */
    public Map<StateVariable, ActionClass> expectedEffects(ActionClass actionClass) {
        Map<StateVariable, ActionClass> effects = new LinkedHashMap<>();
        for (ActionClass c : lineage(actionClass)) {
            for (String variableId : c.expectedEffects()) {
                StateVariable variable = variablesById.get(variableId);
                if (variable != null) {
                    effects.putIfAbsent(variable, c);
                }
            }
        }
        return effects;
    }

    /** Whether a class (or an ancestor) is expected to move the variable. */
    public boolean isExpectedToMove(ActionClass actionClass, StateVariable variable) {
        return expectedEffects(actionClass).containsKey(variable);
    }

    /** The same catalogue with no plausible ranges (every value plausible). */
    public MappingCatalogue withoutPlausibleRanges() {
        return new MappingCatalogue(
                version,
                actionKinds,
                stateVariables.stream()
                        .map(StateVariable::withoutPlausibleRange)
                        .toList(),
                actionClasses,
                conditionCategories,
                conditions);
    }
}
