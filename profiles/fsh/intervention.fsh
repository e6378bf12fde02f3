Invariant: tn-medreq-1
Description: "The duration of the intervention can be derived: dosage timing or a dispense validity period is present."
Expression: "dosageInstruction.timing.exists() or dispenseRequest.validityPeriod.exists()"
Severity: #error

Profile: InterventionMedicationRequest
Parent: MedicationRequest
Id: intervention-medication-request
Title: "Intervention medication request"
Description: "A medication order used as the action of a transition: drug code, dose, frequency, route and duration."
* obeys tn-medreq-1
* status MS
* intent MS
* medication[x] MS
* medication[x] only CodeableConcept or Reference(Medication)
* subject MS
* subject only Reference(Patient)
* authoredOn 1..1 MS
* dosageInstruction MS
* dosageInstruction.timing MS
* dosageInstruction.timing.repeat.frequency MS
* dosageInstruction.timing.repeat.period MS
* dosageInstruction.timing.repeat.periodUnit MS
* dosageInstruction.timing.repeat.bounds[x] MS
* dosageInstruction.route MS
* dosageInstruction.doseAndRate.dose[x] MS
* dispenseRequest.validityPeriod MS
* dispenseRequest.expectedSupplyDuration MS

Profile: InterventionCarePlan
Parent: CarePlan
Id: intervention-care-plan
Title: "Intervention care plan"
Description: "A care plan used as the action of a transition (diet, exercise, self-management education): category, activities and period."
* status MS
* intent MS
* category 1..* MS
* subject MS
* subject only Reference(Patient)
* period 1..1 MS
* period.start 1..1 MS
* activity MS
* activity.detail.kind MS
* activity.detail.code MS
* activity.detail.status MS

Profile: InterventionProcedure
Parent: Procedure
Id: intervention-procedure
Title: "Intervention procedure"
Description: "A procedure used as the action of a transition (e.g. renal dialysis): code, status and when it was performed."
* status MS
* code 1..1 MS
* subject MS
* subject only Reference(Patient)
* performed[x] 1..1 MS
* performed[x] only dateTime or Period

Profile: InterventionImmunization
Parent: Immunization
Id: intervention-immunization
Title: "Intervention immunization"
Description: "A vaccination used as the action of a transition (e.g. influenza vaccination): vaccine code (CVX), status, patient and when it was given."
* status MS
* vaccineCode MS
* patient MS
* patient only Reference(Patient)
* occurrence[x] MS
* occurrence[x] only dateTime
