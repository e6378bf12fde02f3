// Search parameters for transition Observations. Expressions stay within what HAPI's FHIRPath
// indexer evaluates: where(), exists(), extension(url), ofType(); a component is selected by a
// Coding match (system and code) so no expression compares a collection with '='; patient, date and
// code use the standard Observation parameters.

Instance: transition-state-variable
InstanceOf: SearchParameter
Usage: #definition
Title: "Transition state variable"
* url = "http://transitionnet.org/fhir/SearchParameter/transition-state-variable"
* name = "TransitionStateVariable"
* status = #active
* experimental = false
* description = "State variable of a transition Observation (code from the TransitionNet state-variable CodeSystem)."
* code = #state-variable
* base = #Observation
* type = #token
* expression = "Observation.code.coding.where(system='http://transitionnet.org/fhir/CodeSystem/state-variable')"
* xpathUsage = #normal

Instance: transition-action-class
InstanceOf: SearchParameter
Usage: #definition
Title: "Transition action class"
* url = "http://transitionnet.org/fhir/SearchParameter/transition-action-class"
* name = "TransitionActionClass"
* status = #active
* experimental = false
* description = "Action class of the action a transition is based on; the extension repeats the ancestors, so any level of the hierarchy matches."
* code = #action-class
* base = #Observation
* type = #token
* expression = "Observation.extension('http://transitionnet.org/fhir/StructureDefinition/action-class').value.ofType(Coding)"
* xpathUsage = #normal

Instance: transition-direction
InstanceOf: SearchParameter
Usage: #definition
Title: "Transition direction"
* url = "http://transitionnet.org/fhir/SearchParameter/transition-direction"
* name = "TransitionDirection"
* status = #active
* experimental = false
* description = "Direction of a transition: improved, worsened or unchanged."
* code = #direction
* base = #Observation
* type = #token
* expression = "Observation.component.where(code.coding.where(system='http://transitionnet.org/fhir/CodeSystem/transition-component' and code='direction').exists()).value.ofType(CodeableConcept)"
* xpathUsage = #normal

Instance: transition-confidence
InstanceOf: SearchParameter
Usage: #definition
Title: "Transition confidence"
* url = "http://transitionnet.org/fhir/SearchParameter/transition-confidence"
* name = "TransitionConfidence"
* status = #active
* experimental = false
* description = "Confidence score (0..1) of a transition."
* code = #confidence
* base = #Observation
* type = #quantity
* expression = "Observation.component.where(code.coding.where(system='http://transitionnet.org/fhir/CodeSystem/transition-component' and code='confidence').exists()).value.ofType(Quantity)"
* xpathUsage = #normal

Instance: transition-mapping-version
InstanceOf: SearchParameter
Usage: #definition
Title: "Transition mapping version"
* url = "http://transitionnet.org/fhir/SearchParameter/transition-mapping-version"
* name = "TransitionMappingVersion"
* status = #active
* experimental = false
* description = "Version of the mapping catalogue that produced a transition; used to find transitions to re-derive."
* code = #mapping-version
* base = #Observation
* type = #token
* expression = "Observation.extension('http://transitionnet.org/fhir/StructureDefinition/mapping-rule').extension('catalogueVersion').value.ofType(string)"
* xpathUsage = #normal
