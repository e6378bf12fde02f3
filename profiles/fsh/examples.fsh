// One episode, end to end: metformin started 2024-01-10, HbA1c before and after, the derived
// transition, and the bundle that carries it. A care plan and a blood-pressure panel illustrate
// the other profiles. All values are synthetic.

Instance: tn-example-patient
InstanceOf: Patient
Usage: #example
Title: "Example patient"
* gender = #female
* birthDate = "1961-04-02"

Instance: tn-example-hba1c-baseline
InstanceOf: StateObservation
Usage: #example
Title: "HbA1c before the action"
* status = #final
* category = $obscat#laboratory "Laboratory"
* code = $loinc#4548-4 "Hemoglobin A1c/Hemoglobin.total in Blood"
* subject = Reference(Patient/tn-example-patient)
* effectiveDateTime = "2023-12-20T09:30:00Z"
* valueQuantity = 8.1 '%' "%"

Instance: tn-example-hba1c-follow-up
InstanceOf: StateObservation
Usage: #example
Title: "HbA1c after the action"
* status = #final
* category = $obscat#laboratory "Laboratory"
* code = $loinc#4548-4 "Hemoglobin A1c/Hemoglobin.total in Blood"
* subject = Reference(Patient/tn-example-patient)
* effectiveDateTime = "2024-04-18T10:05:00Z"
* valueQuantity = 7.2 '%' "%"

Instance: tn-example-blood-pressure
InstanceOf: StateObservation
Usage: #example
Title: "Blood pressure panel"
Description: "Systolic and diastolic pressure as components of a panel, as Synthea records them."
* status = #final
* category = $obscat#vital-signs "Vital Signs"
* code = $loinc#85354-9 "Blood pressure panel with all children optional"
* subject = Reference(Patient/tn-example-patient)
* effectiveDateTime = "2024-01-10T08:45:00Z"
* component[0].code = $loinc#8480-6 "Systolic blood pressure"
* component[0].valueQuantity = 138 'mm[Hg]' "mm[Hg]"
* component[1].code = $loinc#8462-4 "Diastolic blood pressure"
* component[1].valueQuantity = 86 'mm[Hg]' "mm[Hg]"

Instance: tn-example-metformin
InstanceOf: InterventionMedicationRequest
Usage: #example
Title: "Metformin order"
* status = #active
* intent = #order
* medicationCodeableConcept = $rxnorm#860975 "24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet"
* subject = Reference(Patient/tn-example-patient)
* authoredOn = "2024-01-10T09:00:00Z"
* dosageInstruction[0].sequence = 1
* dosageInstruction[0].timing.repeat.frequency = 1
* dosageInstruction[0].timing.repeat.period = 1
* dosageInstruction[0].timing.repeat.periodUnit = #d
* dosageInstruction[0].timing.repeat.boundsPeriod.start = "2024-01-10"
* dosageInstruction[0].route = $sct#26643006 "Oral route"
* dosageInstruction[0].doseAndRate[0].doseQuantity = 1 '{tbl}' "tablet"
* dispenseRequest.validityPeriod.start = "2024-01-10"
* dispenseRequest.validityPeriod.end = "2025-01-10"

Instance: tn-example-diabetes-care-plan
InstanceOf: InterventionCarePlan
Usage: #example
Title: "Diabetes self-management care plan"
* status = #active
* intent = #order
* category[0] = $sct#698360004 "Diabetes self management plan"
* subject = Reference(Patient/tn-example-patient)
* period.start = "2024-01-10"
* activity[0].detail.kind = #ServiceRequest
* activity[0].detail.code = $sct#160670007 "Diabetic diet"
* activity[0].detail.status = #in-progress
* activity[1].detail.kind = #ServiceRequest
* activity[1].detail.code = $sct#229065009 "Exercise therapy"
* activity[1].detail.status = #in-progress

Instance: tn-example-dialysis
InstanceOf: InterventionProcedure
Usage: #example
Title: "Renal dialysis session"
* status = #completed
* code = $sct#265764009 "Renal dialysis (procedure)"
* subject = Reference(Patient/tn-example-patient)
* performedPeriod.start = "2024-02-05T08:00:00Z"
* performedPeriod.end = "2024-02-05T12:00:00Z"

Instance: tn-example-influenza-vaccination
InstanceOf: InterventionImmunization
Usage: #example
Title: "Influenza vaccination"
* status = #completed
* vaccineCode = http://hl7.org/fhir/sid/cvx#140 "Influenza, seasonal, injectable, preservative free"
* patient = Reference(Patient/tn-example-patient)
* occurrenceDateTime = "2024-10-07T10:00:00Z"
* primarySource = true

Instance: tn-example-hba1c-transition
InstanceOf: TransitionObservation
Usage: #example
Title: "HbA1c transition around metformin"
* extension[actionClass][0].valueCoding = $ac#metformin "Metformin"
* extension[actionClass][1].valueCoding = $ac#biguanides "Biguanides"
* extension[actionClass][2].valueCoding = $ac#glucose-lowering "Glucose-lowering therapy"
* extension[coIntervention].extension[actionClass].valueCoding = $ac#diabetes-self-management "Diabetes self-management"
* extension[mappingRule].extension[ruleId].valueString = "hba1c/glucose-lowering"
* extension[mappingRule].extension[catalogueVersion].valueString = "1.0.0"
* status = #final
* basedOn = Reference(MedicationRequest/tn-example-metformin)
* category[research] = TransitionCategoryCS#derived-observational-research "Derived observational research data"
* code.coding[stateVariable] = $sv#hba1c "Hemoglobin A1c"
* code.coding[measurement] = $loinc#4548-4 "Hemoglobin A1c/Hemoglobin.total in Blood"
* subject = Reference(Patient/tn-example-patient)
* effectivePeriod.start = "2023-12-20T09:30:00Z"
* effectivePeriod.end = "2024-04-18T10:05:00Z"
* derivedFrom[0] = Reference(Observation/tn-example-hba1c-baseline)
* derivedFrom[1] = Reference(Observation/tn-example-hba1c-follow-up)
* component[baseline].valueQuantity = 8.1 '%' "%"
* component[followUp].valueQuantity = 7.2 '%' "%"
* component[delta].valueQuantity = -0.9 '%' "%"
* component[relativeChange].valueQuantity.value = -11.1
* component[interval].valueQuantity.value = 120
* component[direction].valueCodeableConcept = TransitionDirectionCS#improved "Improved"
* component[confidence].valueQuantity.value = 0.8

Instance: tn-example-provenance
InstanceOf: TransitionProvenance
Usage: #example
Title: "Provenance of the HbA1c transition"
* extension[mappingRule].extension[ruleId].valueString = "hba1c/glucose-lowering"
* extension[mappingRule].extension[catalogueVersion].valueString = "1.0.0"
* target = Reference(Observation/tn-example-hba1c-transition)
* recorded = "2024-05-01T02:00:00Z"
* policy = "http://transitionnet.org/fhir/mappings/1.0.0"
* activity = $provActivity#CREATE "create"
* agent[0].type = $provAgentType#assembler "Assembler"
* agent[0].who.display = "TransitionNet transition derivation"
* entity[0].role = #source
* entity[0].what = Reference(MedicationRequest/tn-example-metformin)
* entity[1].role = #source
* entity[1].what = Reference(Observation/tn-example-hba1c-baseline)
* entity[2].role = #source
* entity[2].what = Reference(Observation/tn-example-hba1c-follow-up)

Instance: tn-example-transition-bundle
InstanceOf: TransitionBundle
Usage: #example
Title: "Transition bundle: metformin and HbA1c"
* type = #collection
* timestamp = "2024-05-01T02:00:00Z"
* entry[0].fullUrl = "http://example.org/fhir/MedicationRequest/tn-example-metformin"
* entry[0].resource = tn-example-metformin
* entry[1].fullUrl = "http://example.org/fhir/Observation/tn-example-hba1c-transition"
* entry[1].resource = tn-example-hba1c-transition
* entry[2].fullUrl = "http://example.org/fhir/Provenance/tn-example-provenance"
* entry[2].resource = tn-example-provenance
* entry[3].fullUrl = "http://example.org/fhir/Patient/tn-example-patient"
* entry[3].resource = tn-example-patient
* entry[4].fullUrl = "http://example.org/fhir/Observation/tn-example-hba1c-baseline"
* entry[4].resource = tn-example-hba1c-baseline
* entry[5].fullUrl = "http://example.org/fhir/Observation/tn-example-hba1c-follow-up"
* entry[5].resource = tn-example-hba1c-follow-up

// Operation outputs for the same episode.

Instance: tn-example-transitions-result
InstanceOf: Bundle
Usage: #example
Title: "$transitions result"
Description: "What Patient/tn-example-patient/$transitions answers: one TransitionBundle per transition and an OperationOutcome saying what was not derived."
* type = #searchset
* timestamp = "2024-05-01T02:00:00Z"
* total = 1
* entry[0].fullUrl = "urn:uuid:5d0c3a52-93c4-3f4e-9a57-1c0b7de0c2a1"
* entry[0].resource = tn-example-transition-bundle
* entry[0].search.mode = #match
* entry[1].fullUrl = "urn:uuid:0b9c6d43-55e1-4a37-8f0e-6f0f1f2a9b10"
* entry[1].resource = tn-example-not-derived
* entry[1].search.mode = #outcome

Instance: tn-example-not-derived
InstanceOf: OperationOutcome
Usage: #inline
* issue[0].severity = #information
* issue[0].code = #informational
* issue[0].diagnostics = "Derived observational, non-randomized research data. It describes what was recorded before and after an intervention, not what the intervention caused, and is not medical advice."
* issue[1].severity = #information
* issue[1].code = #not-found
* issue[1].diagnostics = "Not derived: body-weight around metformin (2024-01-10): no follow-up measurement in the window"

Instance: tn-example-trajectory-result
InstanceOf: Parameters
Usage: #example
Title: "$trajectory result"
Description: "What Patient/tn-example-patient/$trajectory answers: the HbA1c series, the metformin episode and the derived transition."
* parameter[0].name = "variable"
* parameter[0].part[0].name = "code"
* parameter[0].part[0].valueCoding = $sv#hba1c "Hemoglobin A1c"
* parameter[0].part[1].name = "unit"
* parameter[0].part[1].valueCode = #%
* parameter[0].part[2].name = "point"
* parameter[0].part[2].part[0].name = "time"
* parameter[0].part[2].part[0].valueDateTime = "2023-12-20T09:30:00Z"
* parameter[0].part[2].part[1].name = "value"
* parameter[0].part[2].part[1].valueDecimal = 8.1
* parameter[0].part[2].part[2].name = "source"
* parameter[0].part[2].part[2].valueReference = Reference(Observation/tn-example-hba1c-baseline)
* parameter[0].part[3].name = "point"
* parameter[0].part[3].part[0].name = "time"
* parameter[0].part[3].part[0].valueDateTime = "2024-04-18T10:05:00Z"
* parameter[0].part[3].part[1].name = "value"
* parameter[0].part[3].part[1].valueDecimal = 7.2
* parameter[0].part[3].part[2].name = "source"
* parameter[0].part[3].part[2].valueReference = Reference(Observation/tn-example-hba1c-follow-up)
* parameter[1].name = "intervention"
* parameter[1].part[0].name = "actionClass"
* parameter[1].part[0].valueCoding = $ac#metformin "Metformin"
* parameter[1].part[1].name = "start"
* parameter[1].part[1].valueDateTime = "2024-01-10T09:00:00Z"
* parameter[1].part[2].name = "status"
* parameter[1].part[2].valueCode = #active
* parameter[1].part[3].name = "source"
* parameter[1].part[3].valueReference = Reference(MedicationRequest/tn-example-metformin)
* parameter[2].name = "transition"
* parameter[2].part[0].name = "reference"
* parameter[2].part[0].valueReference = Reference(Observation/tn-example-hba1c-transition)
* parameter[2].part[1].name = "variable"
* parameter[2].part[1].valueCoding = $sv#hba1c "Hemoglobin A1c"
* parameter[2].part[2].name = "actionClass"
* parameter[2].part[2].valueCoding = $ac#metformin "Metformin"
* parameter[2].part[3].name = "baselineTime"
* parameter[2].part[3].valueDateTime = "2023-12-20T09:30:00Z"
* parameter[2].part[4].name = "followUpTime"
* parameter[2].part[4].valueDateTime = "2024-04-18T10:05:00Z"
* parameter[2].part[5].name = "baseline"
* parameter[2].part[5].valueDecimal = 8.1
* parameter[2].part[6].name = "followUp"
* parameter[2].part[6].valueDecimal = 7.2
* parameter[2].part[7].name = "delta"
* parameter[2].part[7].valueDecimal = -0.9
* parameter[2].part[8].name = "direction"
* parameter[2].part[8].valueCode = #improved
* parameter[2].part[9].name = "confidence"
* parameter[2].part[9].valueDecimal = 0.8
* parameter[3].name = "disclaimer"
* parameter[3].valueString = "Derived observational, non-randomized research data. It describes what was recorded before and after an intervention, not what the intervention caused, and is not medical advice."
