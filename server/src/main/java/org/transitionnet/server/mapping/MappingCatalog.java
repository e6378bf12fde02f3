package org.transitionnet.server.mapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The loaded, validated mapping catalogue: state variables and the action hierarchy, one version. */
public final class MappingCatalog {

	private final String version;
	private final Map<String, StateVariable> stateVariables;
	private final Map<String, ActionClass> actionClasses;

	public MappingCatalog(String version, List<StateVariable> stateVariables, List<ActionClass> actionClasses) {
		this.version = version;
		this.stateVariables = index(stateVariables, StateVariable::id);
		this.actionClasses = index(actionClasses, ActionClass::id);
		validate();
	}

	public String version() {
		return version;
	}

	public List<StateVariable> stateVariables() {
		return List.copyOf(stateVariables.values());
	}

	public List<ActionClass> actionClasses() {
		return List.copyOf(actionClasses.values());
	}

	public Optional<StateVariable> stateVariable(String id) {
		return Optional.ofNullable(stateVariables.get(id));
	}

	public Optional<ActionClass> actionClass(String id) {
		return Optional.ofNullable(actionClasses.get(id));
	}

	/** The class and its ancestors, most specific first. */
	public List<ActionClass> lineage(ActionClass actionClass) {
		List<ActionClass> lineage = new ArrayList<>();
		for (ActionClass c = actionClass; c != null; c = c.parent() == null ? null : actionClasses.get(c.parent())) {
			lineage.add(c);
		}
		return lineage;
	}

	/**
	 * State variables a class is expected to move, each with the class that declares the expectation
	 * (the class itself or its nearest ancestor that does) — that pair names the mapping rule.
	 */
	public Map<StateVariable, ActionClass> expectedEffects(ActionClass actionClass) {
		Map<StateVariable, ActionClass> effects = new LinkedHashMap<>();
		for (ActionClass c : lineage(actionClass)) {
			for (String variableId : c.expectedEffects()) {
				effects.putIfAbsent(stateVariables.get(variableId), c);
			}
		}
		return effects;
	}

	/** Whether a class (or an ancestor) is expected to move the variable. */
	public boolean isExpectedToMove(ActionClass actionClass, StateVariable variable) {
		return expectedEffects(actionClass).containsKey(variable);
	}

	private void validate() {
		Set<String> problems = new LinkedHashSet<>();
		for (ActionClass c : actionClasses.values()) {
			if (c.parent() != null && !actionClasses.containsKey(c.parent())) {
				problems.add("action class '" + c.id() + "' has unknown parent '" + c.parent() + "'");
			}
			for (String effect : c.expectedEffects()) {
				if (!stateVariables.containsKey(effect)) {
					problems.add("action class '" + c.id() + "' expects unknown state variable '" + effect + "'");
				}
			}
			Set<String> seen = new LinkedHashSet<>();
			for (ActionClass a = c; a != null; a = a.parent() == null ? null : actionClasses.get(a.parent())) {
				if (!seen.add(a.id())) {
					problems.add("action class '" + c.id() + "' has a cycle in its parents");
					break;
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Invalid mapping catalogue " + version + ": " + String.join("; ", problems));
		}
	}

	private static <T> Map<String, T> index(List<T> items, java.util.function.Function<T, String> id) {
		Map<String, T> map = new LinkedHashMap<>();
		for (T item : items) {
			if (map.put(id.apply(item), item) != null) {
				throw new IllegalStateException("Duplicate id in mapping catalogue: " + id.apply(item));
			}
		}
		return Collections.unmodifiableMap(map);
	}
}
