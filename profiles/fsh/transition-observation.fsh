Invariant: tn-transition-1
Description: "Confidence lies between 0 and 1."
Expression: "value.ofType(Quantity).value.all($this >= 0 and $this <= 1)"
Severity: #error

Invariant: tn-transition-2
Description: "The transition references its action: a request or plan in basedOn, or a procedure in partOf."
Expression: "basedOn.exists() or partOf.exists()"
Severity: #error

Profile: TransitionObservation
Parent: Observation
Id: transition-observation
Title: "Transition observation"
Description: "One observed change of one state variable of one patient around one action: baseline and follow-up values, delta, interval, direction and confidence. Derived observational, non-randomized research data; not medical advice."
* obeys tn-transition-2
* extension contains
    ActionClassExtension named actionClass 1..* MS and
    CoInterventionExtension named coIntervention 0..* MS and
    AdverseEventExtension named adverseEvent 0..* MS and
    MappingRuleExtension named mappingRule 1..1 MS
* status MS
* basedOn 0..* MS
* basedOn only Reference(MedicationRequest or CarePlan)
* basedOn ^short = "The action (MedicationRequest or CarePlan) the transition is observed around"
* partOf 0..* MS
* partOf only Reference(Procedure or Immunization)
* partOf ^short = "The action when it is a Procedure or Immunization (basedOn cannot reference one)"
* category 1..* MS
* category ^slicing.discriminator.type = #pattern
* category ^slicing.discriminator.path = "$this"
* category ^slicing.rules = #open
* category contains research 1..1 MS
* category[research] = TransitionCategoryCS#derived-observational-research
* category[research] ^short = "Marks derived observational research data, not medical advice"
* code MS
* code.coding 1..* MS
* code.coding ^slicing.discriminator.type = #value
* code.coding ^slicing.discriminator.path = "system"
* code.coding ^slicing.rules = #open
* code.coding contains stateVariable 1..1 MS and measurement 0..* MS
* code.coding[stateVariable] from $svVS (required)
* code.coding[stateVariable].system 1..1
* code.coding[stateVariable].system = $sv (exactly)
* code.coding[stateVariable].code 1..1
* code.coding[measurement] ^short = "LOINC code of the measurements the transition was derived from"
* code.coding[measurement].system 1..1
* code.coding[measurement].system = $loinc (exactly)
* code.coding[measurement].code 1..1
* subject 1..1 MS
* subject only Reference(Patient)
* effective[x] 1..1 MS
* effective[x] only Period
* effectivePeriod.start 1..1 MS
* effectivePeriod.end 1..1 MS
* effectivePeriod ^short = "From the baseline measurement to the follow-up measurement"
* value[x] 0..0
* derivedFrom 2..* MS
* derivedFrom only Reference(Observation)
* derivedFrom ^short = "Baseline and follow-up Observations"
* component 6..* MS
* component ^slicing.discriminator.type = #pattern
* component ^slicing.discriminator.path = "code"
* component ^slicing.rules = #open
* component contains
    baseline 1..1 MS and
    followUp 1..1 MS and
    delta 1..1 MS and
    relativeChange 0..1 MS and
    interval 1..1 MS and
    direction 1..1 MS and
    confidence 1..1 MS
* component[baseline].code = TransitionComponentCS#baseline
* component[baseline].value[x] 1..1
* component[baseline].value[x] only Quantity
* component[baseline].valueQuantity.value 1..1
* component[baseline].valueQuantity.system 1..1
* component[baseline].valueQuantity.system = $ucum (exactly)
* component[baseline].valueQuantity.code 1..1
* component[followUp].code = TransitionComponentCS#follow-up
* component[followUp].value[x] 1..1
* component[followUp].value[x] only Quantity
* component[followUp].valueQuantity.value 1..1
* component[followUp].valueQuantity.system 1..1
* component[followUp].valueQuantity.system = $ucum (exactly)
* component[followUp].valueQuantity.code 1..1
* component[delta].code = TransitionComponentCS#delta
* component[delta].value[x] 1..1
* component[delta].value[x] only Quantity
* component[delta].valueQuantity.value 1..1
* component[delta].valueQuantity.system 1..1
* component[delta].valueQuantity.system = $ucum (exactly)
* component[delta].valueQuantity.code 1..1
* component[relativeChange].code = TransitionComponentCS#relative-change
* component[relativeChange].value[x] 1..1
* component[relativeChange].value[x] only Quantity
* component[relativeChange].valueQuantity.value 1..1
* component[relativeChange].valueQuantity = $ucum#% "%"
* component[interval].code = TransitionComponentCS#interval
* component[interval].value[x] 1..1
* component[interval].value[x] only Quantity
* component[interval].valueQuantity.value 1..1
* component[interval].valueQuantity = $ucum#d "d"
* component[direction].code = TransitionComponentCS#direction
* component[direction].value[x] 1..1
* component[direction].value[x] only CodeableConcept
* component[direction].valueCodeableConcept from TransitionDirectionVS (required)
* component[confidence].code = TransitionComponentCS#confidence
* component[confidence] obeys tn-transition-1
* component[confidence].value[x] 1..1
* component[confidence].value[x] only Quantity
* component[confidence].valueQuantity.value 1..1
* component[confidence].valueQuantity = $ucum#1 "1"
