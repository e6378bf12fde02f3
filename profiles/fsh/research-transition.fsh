Logical: ResearchTransition
Parent: Element
Id: research-transition
Title: "Research transition record"
Description: "Flat, de-identified form of one transition: one NDJSON line of a research export. Day offsets are relative to the action start; calendar dates never appear. Observational, non-randomized research data; not medical advice."
* subjectPseudonym 1..1 string "Pseudonymous subject id" "Keyed pseudonym of the patient (stable within one export key), never the source identifier."
* ageBand 1..1 string "Age band at action start" "Generalized age at the action start, e.g. 50-59."
* sex 0..1 code "Administrative sex" "Administrative gender of the patient."
* sex from http://hl7.org/fhir/ValueSet/administrative-gender (required)
* action 1..1 BackboneElement "The action" "The intervention the transition is observed around."
* action.class 1..* Coding "Action class" "Action class from the action-class hierarchy, most specific first."
* action.class from $acVS (required)
* action.code 0..* Coding "Source codes of the action" "RxNorm, ATC, SNOMED CT or CVX codes of the MedicationRequest, CarePlan, Procedure or Immunization."
* action.dose 0..1 Quantity "Dose per administration" "Dose quantity of the medication order."
* action.frequency 0..1 decimal "Administrations per day" "Administrations per day derived from the dosage timing."
* action.route 0..1 Coding "Route" "Route of administration."
* action.durationDays 0..1 integer "Planned duration in days" "From the dosage bounds, the dispense validity period, the care plan period or the performed period."
* stateVariable 1..1 Coding "State variable" "The state variable whose change is described."
* stateVariable from $svVS (required)
* baseline 1..1 BackboneElement "Baseline measurement" "Representative measurement in the baseline window."
* baseline.value 1..1 Quantity "Value" "Value in the canonical UCUM unit of the state variable."
* baseline.dayOffset 1..1 integer "Day offset" "Days relative to the action start (negative: before)."
* followUp 1..1 BackboneElement "Follow-up measurement" "Representative measurement in the follow-up window."
* followUp.value 1..1 Quantity "Value" "Value in the canonical UCUM unit of the state variable."
* followUp.dayOffset 1..1 integer "Day offset" "Days relative to the action start."
* delta 1..1 Quantity "Delta" "Follow-up value minus baseline value."
* relativeChange 0..1 decimal "Relative change" "Delta divided by the baseline value, in percent."
* direction 1..1 code "Direction" "improved, worsened or unchanged."
* direction from TransitionDirectionVS (required)
* intervalDays 1..1 integer "Interval (delta t) in days" "Days between the baseline and the follow-up measurement."
* confidence 1..1 decimal "Confidence" "Score between 0 and 1."
* coInterventionClass 0..* Coding "Co-intervention classes" "Classes of other actions overlapping the interval."
* adverseEventClass 0..* CodeableConcept "Adverse-event classes" "Classes of adverse events or new conditions in the follow-up window that the release policy releases: clinical adverse events of the mapping catalogue's condition classes. Sensitive findings (substance use, abuse and violence, legal and social findings, reproductive and mental health, HIV), status findings and unclassified codes are never listed by default. Absent when adverseEventSuppressed is true."
* adverseEventSuppressed 0..1 boolean "Adverse events suppressed" "True when l-diversity suppressed the adverse-event field: every subject of the record's release class had the same adverse-event outcome, so the field would disclose it. Absent otherwise."
* mappingVersion 1..1 string "Mapping catalogue version" "Semantic version of the mapping catalogue that produced the record."
* observationalDataStatement 1..1 string "Observational data statement" "Fixed statement that the record is observational, non-randomized research data and not medical advice."
