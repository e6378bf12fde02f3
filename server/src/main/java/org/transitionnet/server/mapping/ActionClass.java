package org.transitionnet.server.mapping;

import java.util.List;

/**
 * A node of the action hierarchy (e.g. metformin → biguanides → glucose-lowering): the codes that
 * identify it and the state variables it is expected to move (inherited by its descendants).
 */
public record ActionClass(
		String id,
		String display,
		Kind kind,
		String parent,
		List<CodeRef> atc,
		List<CodeRef> medications,
		List<CodeRef> carePlanCategories,
		List<CodeRef> carePlanActivities,
		List<String> expectedEffects) {

	public enum Kind {
		MEDICATION,
		CARE_PLAN
	}
}
