// Canonical URLs used across the FSH sources. The state-variable and action-class terminology is
// generated from mappings/*.yaml by the ig module, so FSH refers to it by URL only.
Alias: $loinc = http://loinc.org
Alias: $ucum = http://unitsofmeasure.org
Alias: $rxnorm = http://www.nlm.nih.gov/research/umls/rxnorm
Alias: $sct = http://snomed.info/sct
Alias: $sv = http://transitionnet.org/fhir/CodeSystem/state-variable
Alias: $ac = http://transitionnet.org/fhir/CodeSystem/action-class
Alias: $svVS = http://transitionnet.org/fhir/ValueSet/state-variable
Alias: $svMeasurementVS = http://transitionnet.org/fhir/ValueSet/state-variable-measurement
Alias: $acVS = http://transitionnet.org/fhir/ValueSet/action-class
Alias: $obscat = http://terminology.hl7.org/CodeSystem/observation-category
Alias: $provAgentType = http://terminology.hl7.org/CodeSystem/provenance-participant-type
Alias: $provActivity = http://terminology.hl7.org/CodeSystem/v3-DataOperation
