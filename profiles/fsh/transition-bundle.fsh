Invariant: tn-bundle-1
Description: "One action episode: exactly one MedicationRequest, CarePlan, Procedure or Immunization entry."
Expression: "entry.resource.where($this is MedicationRequest or $this is CarePlan or $this is Procedure or $this is Immunization).count() = 1"
Severity: #error

Invariant: tn-bundle-2
Description: "One patient: the action and all Observations refer to the same subject."
Expression: "(entry.resource.ofType(Observation).subject.reference | entry.resource.ofType(MedicationRequest).subject.reference | entry.resource.ofType(CarePlan).subject.reference | entry.resource.ofType(Procedure).subject.reference | entry.resource.ofType(Immunization).patient.reference).count() = 1"
Severity: #error

Profile: TransitionBundle
Parent: Bundle
Id: transition-bundle
Title: "Transition bundle"
Description: "For one patient and one action episode: the action, the baseline and follow-up Observations, one transition Observation per state variable and a Provenance. Self-contained for what this profile requires: the action (the order or plan that starts the episode), every transition, their Provenance, the baseline and follow-up Observations and the patient are entries. References beyond these may point outside the bundle, to the server its fullUrls name: the episode's further orders in basedOn (refills and renewals; a long treatment would otherwise carry its whole prescription history), co-intervention actions and adverse events (other episodes' actions and the patient's conditions, which belong to other bundles or to the source record), the Provenance entities naming those, and the source resources' own references (encounters, practitioners). Type collection: a derived grouping of existing resources, not an attested clinical document. Derived observational research data; not medical advice."
* obeys tn-bundle-1 and tn-bundle-2
* type = #collection (exactly)
* type ^short = "collection: a derived grouping, not an attested document"
* timestamp 1..1 MS
* entry 4..* MS
* entry.fullUrl 1..1 MS
* entry.resource 1..1 MS
* entry ^slicing.discriminator.type = #profile
* entry ^slicing.discriminator.path = "resource"
* entry ^slicing.rules = #open
* entry ^slicing.description = "The action, the transitions and the provenance; the measurements and the patient are open entries."
* entry contains
    medicationAction 0..1 MS and
    carePlanAction 0..1 MS and
    procedureAction 0..1 MS and
    immunizationAction 0..1 MS and
    transition 1..* MS and
    provenance 1..1 MS
* entry[medicationAction].resource only InterventionMedicationRequest
* entry[carePlanAction].resource only InterventionCarePlan
* entry[procedureAction].resource only InterventionProcedure
* entry[immunizationAction].resource only InterventionImmunization
* entry[transition].resource only TransitionObservation
* entry[provenance].resource only TransitionProvenance
