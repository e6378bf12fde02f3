Profile: TransitionProvenance
Parent: Provenance
Id: transition-provenance
Title: "Transition provenance"
Description: "Evidence chain of derived transitions: the transition Observations (target), the source resources they were derived from (entity), when they were derived, and the mapping rule and catalogue version used (policy and extension)."
* extension contains MappingRuleExtension named mappingRule 1..1 MS
* target 1..* MS
* target only Reference(Observation)
* target ^short = "The transition Observations"
* recorded MS
* policy 1..* MS
* policy ^short = "Mapping catalogue version: http://transitionnet.org/fhir/mappings/{version}"
* activity 1..1 MS
* entity 1..* MS
* entity.role = #source
* entity.what ^short = "Action and measurements the transitions were derived from"
