Extension: ActionClassExtension
Id: action-class
Title: "Action class"
Description: "Class of the action the transition is based on, from the action-class hierarchy. Repeats: the most specific class first, then each ancestor, so that a search on any level of the hierarchy matches."
Context: Observation
* value[x] 1..1
* value[x] only Coding
* valueCoding from $acVS (required)
* valueCoding.system 1..1
* valueCoding.code 1..1

Extension: CoInterventionExtension
Id: co-intervention
Title: "Co-intervention"
Description: "Another action overlapping the transition interval: a potential confounder of the observed change."
Context: Observation
* extension contains action 0..1 and actionClass 0..*
* extension[action] ^short = "The overlapping action"
* extension[action].value[x] only Reference(MedicationRequest or CarePlan or Procedure or Immunization)
* extension[actionClass] ^short = "Class of the overlapping action"
* extension[actionClass].value[x] only Coding
* extension[actionClass].valueCoding from $acVS (required)

Extension: AdverseEventExtension
Id: adverse-event
Title: "Adverse event in follow-up"
Description: "An AdverseEvent, or a new Condition recorded in the follow-up window, that may relate to the action."
Context: Observation
* extension contains event 0..1 and eventClass 0..*
* extension[event] ^short = "The recorded event or new condition"
* extension[event].value[x] only Reference(AdverseEvent or Condition)
* extension[eventClass] ^short = "Class or code of the event"
* extension[eventClass].value[x] only CodeableConcept

Extension: MappingRuleExtension
Id: mapping-rule
Title: "Mapping rule"
Description: "The mapping catalogue rule and catalogue version that produced the transition; a new catalogue version re-derives the transitions it affects."
Context: Observation, Provenance
* extension contains ruleId 1..1 and catalogueVersion 1..1
* extension[ruleId] ^short = "Rule id: state variable id and action class id"
* extension[ruleId].value[x] only string
* extension[catalogueVersion] ^short = "Semantic version of the mapping catalogue"
* extension[catalogueVersion].value[x] only string
