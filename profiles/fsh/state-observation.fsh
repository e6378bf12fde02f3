Invariant: tn-state-1
Description: "A state observation carries a quantity, in value or in at least one component (as in a blood pressure panel)."
Expression: "value.exists() or component.value.exists()"
Severity: #error

Profile: StateObservation
Parent: Observation
Id: state-observation
Title: "State observation"
Description: "A measured value of a state variable (laboratory result or vital sign) with a UCUM quantity, a patient and a time. Measurements of the LOINC codes in the state-variable catalogue, either as the observation value or as a component (blood pressure panel)."
* obeys tn-state-1
* status MS
* code MS
* code from $svMeasurementVS (extensible)
* subject 1..1 MS
* subject only Reference(Patient)
* effective[x] 1..1 MS
* effective[x] only dateTime or Period or instant
* value[x] MS
* value[x] only Quantity
* valueQuantity.value 1..1 MS
* valueQuantity.unit MS
* valueQuantity.system 1..1 MS
* valueQuantity.system = $ucum (exactly)
* valueQuantity.code 1..1 MS
* component MS
* component.code MS
* component.value[x] only Quantity
* component.valueQuantity.value 1..1
* component.valueQuantity.system 1..1
* component.valueQuantity.system = $ucum (exactly)
* component.valueQuantity.code 1..1
