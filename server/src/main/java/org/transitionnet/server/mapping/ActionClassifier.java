package org.transitionnet.server.mapping;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Places medications and care plans in the action hierarchy by the catalogue's codes. */
public class ActionClassifier {

	private final MappingCatalog catalog;

	public ActionClassifier(MappingCatalog catalog) {
		this.catalog = catalog;
	}

	public MappingCatalog catalog() {
		return catalog;
	}

	/** The most specific class listing one of the medication's codings (RxNorm first, then ATC). */
	public Optional<ActionClass> classifyMedication(CodeableConcept medication) {
		if (medication == null) {
			return Optional.empty();
		}
		for (ActionClass c : catalog.actionClasses()) {
			if (c.medications().stream().anyMatch(code -> code.matchesAny(medication))) {
				return Optional.of(c);
			}
		}
		ActionClass best = null;
		for (ActionClass c : catalog.actionClasses()) {
			if (c.atc().stream().anyMatch(code -> code.matchesAny(medication))
					&& (best == null || catalog.lineage(c).size() > catalog.lineage(best).size())) {
				best = c;
			}
		}
		return Optional.ofNullable(best);
	}

	/** Every care-plan class the plan's categories or activities name. */
	public List<ActionClass> classifyCarePlan(CarePlan carePlan) {
		List<ActionClass> classes = new ArrayList<>();
		for (ActionClass c : catalog.actionClasses()) {
			if (c.kind() != ActionClass.Kind.CARE_PLAN) {
				continue;
			}
			boolean byCategory = carePlan.getCategory().stream()
					.anyMatch(category -> c.carePlanCategories().stream().anyMatch(code -> code.matchesAny(category)));
			boolean byActivity = carePlan.getActivity().stream()
					.filter(a -> a.hasDetail() && a.getDetail().hasCode())
					.anyMatch(a -> c.carePlanActivities().stream().anyMatch(code -> code.matchesAny(a.getDetail().getCode())));
			if (byCategory || byActivity) {
				classes.add(c);
			}
		}
		return classes;
	}
}
