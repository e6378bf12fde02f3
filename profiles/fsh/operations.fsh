// Operations of a TransitionNet server. The parameters are the ones the server accepts and returns;
// the asynchronous export follows the FHIR Bulk Data v2 kick-off / status / file pattern, whose
// status and file answers (manifest JSON, NDJSON or CSV) are not FHIR resources and so are described
// in prose rather than as output parameters.

RuleSet: OperationMetadata(id, name, title)
* id = "{id}"
* url = "http://transitionnet.org/fhir/OperationDefinition/{id}"
* name = "{name}"
* title = "{title}"
* status = #active
* kind = #operation
* experimental = false
* publisher = "TransitionNet"

Instance: transitions
InstanceOf: OperationDefinition
Usage: #definition
Title: "Transitions of a patient"
* insert OperationMetadata(transitions, Transitions, Transitions of a patient)
* description = "The derived transitions of one patient, each as a self-describing TransitionBundle (transition Observation, Provenance, the action and the measurements it was derived from), in a searchset Bundle. The last entry (search.mode outcome) is an OperationOutcome saying what could not be derived and why. Observational, non-randomized research data; not medical advice."
* affectsState = false
* code = #transitions
* resource[0] = #Patient
* system = false
* type = false
* instance = true
* parameter[0].name = #variable
* parameter[0].use = #in
* parameter[0].min = 0
* parameter[0].max = "1"
* parameter[0].documentation = "Only transitions of this state variable (a code of the state-variable CodeSystem)."
* parameter[0].type = #code
* parameter[0].binding.strength = #required
* parameter[0].binding.valueSet = $svVS
* parameter[1].name = #actionClass
* parameter[1].use = #in
* parameter[1].min = 0
* parameter[1].max = "1"
* parameter[1].documentation = "Only transitions around actions of this class, at any level of the action-class hierarchy."
* parameter[1].type = #code
* parameter[1].binding.strength = #required
* parameter[1].binding.valueSet = $acVS
* parameter[2].name = #direction
* parameter[2].use = #in
* parameter[2].min = 0
* parameter[2].max = "1"
* parameter[2].documentation = "Only transitions with this direction; another code is answered with 400."
* parameter[2].type = #code
* parameter[2].binding.strength = #required
* parameter[2].binding.valueSet = Canonical(TransitionDirectionVS)
* parameter[3].name = #return
* parameter[3].use = #out
* parameter[3].min = 1
* parameter[3].max = "1"
* parameter[3].documentation = "Searchset Bundle: one TransitionBundle per transition (search.mode match) and an OperationOutcome listing what was not derived (search.mode outcome)."
* parameter[3].type = #Bundle

Instance: trajectory
InstanceOf: OperationDefinition
Usage: #definition
Title: "Trajectory of a patient"
* insert OperationMetadata(trajectory, Trajectory, Trajectory of a patient)
* description = "The time series of every state variable measured for one patient, the interventions (action episodes) recognised in the record and the derived transitions, in one Parameters resource, for plotting a patient's course. Observational data; not medical advice."
* affectsState = false
* code = #trajectory
* resource[0] = #Patient
* system = false
* type = false
* instance = true
* parameter[0].name = #variable
* parameter[0].use = #out
* parameter[0].min = 0
* parameter[0].max = "*"
* parameter[0].documentation = "One measured state variable with its series, in its canonical unit."
* parameter[0].part[0].name = #code
* parameter[0].part[0].use = #out
* parameter[0].part[0].min = 1
* parameter[0].part[0].max = "1"
* parameter[0].part[0].documentation = "The state variable (state-variable CodeSystem)."
* parameter[0].part[0].type = #Coding
* parameter[0].part[1].name = #unit
* parameter[0].part[1].use = #out
* parameter[0].part[1].min = 1
* parameter[0].part[1].max = "1"
* parameter[0].part[1].documentation = "Canonical UCUM unit of the values."
* parameter[0].part[1].type = #code
* parameter[0].part[2].name = #point
* parameter[0].part[2].use = #out
* parameter[0].part[2].min = 0
* parameter[0].part[2].max = "*"
* parameter[0].part[2].documentation = "One measurement, in time order."
* parameter[0].part[2].part[0].name = #time
* parameter[0].part[2].part[0].use = #out
* parameter[0].part[2].part[0].min = 1
* parameter[0].part[2].part[0].max = "1"
* parameter[0].part[2].part[0].documentation = "When the value was measured."
* parameter[0].part[2].part[0].type = #dateTime
* parameter[0].part[2].part[1].name = #value
* parameter[0].part[2].part[1].use = #out
* parameter[0].part[2].part[1].min = 1
* parameter[0].part[2].part[1].max = "1"
* parameter[0].part[2].part[1].documentation = "The value in the canonical unit."
* parameter[0].part[2].part[1].type = #decimal
* parameter[0].part[2].part[2].name = #source
* parameter[0].part[2].part[2].use = #out
* parameter[0].part[2].part[2].min = 1
* parameter[0].part[2].part[2].max = "1"
* parameter[0].part[2].part[2].documentation = "The Observation the value comes from."
* parameter[0].part[2].part[2].type = #Reference
* parameter[0].part[2].part[2].targetProfile = "http://hl7.org/fhir/StructureDefinition/Observation"
* parameter[1].name = #intervention
* parameter[1].use = #out
* parameter[1].min = 0
* parameter[1].max = "*"
* parameter[1].documentation = "One action episode: consecutive orders of one action class merged into one course."
* parameter[1].part[0].name = #actionClass
* parameter[1].part[0].use = #out
* parameter[1].part[0].min = 1
* parameter[1].part[0].max = "1"
* parameter[1].part[0].documentation = "The most specific action class (action-class CodeSystem)."
* parameter[1].part[0].type = #Coding
* parameter[1].part[1].name = #start
* parameter[1].part[1].use = #out
* parameter[1].part[1].min = 1
* parameter[1].part[1].max = "1"
* parameter[1].part[1].documentation = "Start of the episode."
* parameter[1].part[1].type = #dateTime
* parameter[1].part[2].name = #end
* parameter[1].part[2].use = #out
* parameter[1].part[2].min = 0
* parameter[1].part[2].max = "1"
* parameter[1].part[2].documentation = "End of the episode, when known."
* parameter[1].part[2].type = #dateTime
* parameter[1].part[3].name = #status
* parameter[1].part[3].use = #out
* parameter[1].part[3].min = 1
* parameter[1].part[3].max = "1"
* parameter[1].part[3].documentation = "Status of the episode's orders, lower case with hyphens (e.g. active, completed, stopped)."
* parameter[1].part[3].type = #code
* parameter[1].part[4].name = #source
* parameter[1].part[4].use = #out
* parameter[1].part[4].min = 1
* parameter[1].part[4].max = "*"
* parameter[1].part[4].documentation = "The MedicationRequests or CarePlans of the episode."
* parameter[1].part[4].type = #Reference
* parameter[1].part[4].targetProfile[0] = "http://hl7.org/fhir/StructureDefinition/MedicationRequest"
* parameter[1].part[4].targetProfile[1] = "http://hl7.org/fhir/StructureDefinition/CarePlan"
* parameter[2].name = #transition
* parameter[2].use = #out
* parameter[2].min = 0
* parameter[2].max = "*"
* parameter[2].documentation = "One derived transition, ordered by its effective period start."
* parameter[2].part[0].name = #reference
* parameter[2].part[0].use = #out
* parameter[2].part[0].min = 1
* parameter[2].part[0].max = "1"
* parameter[2].part[0].documentation = "The transition Observation."
* parameter[2].part[0].type = #Reference
* parameter[2].part[0].targetProfile = Canonical(TransitionObservation)
* parameter[2].part[1].name = #variable
* parameter[2].part[1].use = #out
* parameter[2].part[1].min = 1
* parameter[2].part[1].max = "1"
* parameter[2].part[1].documentation = "The state variable."
* parameter[2].part[1].type = #Coding
* parameter[2].part[2].name = #actionClass
* parameter[2].part[2].use = #out
* parameter[2].part[2].min = 0
* parameter[2].part[2].max = "1"
* parameter[2].part[2].documentation = "The most specific action class of the action."
* parameter[2].part[2].type = #Coding
* parameter[2].part[3].name = #baselineTime
* parameter[2].part[3].use = #out
* parameter[2].part[3].min = 1
* parameter[2].part[3].max = "1"
* parameter[2].part[3].documentation = "Time of the baseline measurement."
* parameter[2].part[3].type = #dateTime
* parameter[2].part[4].name = #followUpTime
* parameter[2].part[4].use = #out
* parameter[2].part[4].min = 1
* parameter[2].part[4].max = "1"
* parameter[2].part[4].documentation = "Time of the follow-up measurement."
* parameter[2].part[4].type = #dateTime
* parameter[2].part[5].name = #baseline
* parameter[2].part[5].use = #out
* parameter[2].part[5].min = 1
* parameter[2].part[5].max = "1"
* parameter[2].part[5].documentation = "Baseline value in the canonical unit."
* parameter[2].part[5].type = #decimal
* parameter[2].part[6].name = #followUp
* parameter[2].part[6].use = #out
* parameter[2].part[6].min = 1
* parameter[2].part[6].max = "1"
* parameter[2].part[6].documentation = "Follow-up value in the canonical unit."
* parameter[2].part[6].type = #decimal
* parameter[2].part[7].name = #delta
* parameter[2].part[7].use = #out
* parameter[2].part[7].min = 1
* parameter[2].part[7].max = "1"
* parameter[2].part[7].documentation = "Follow-up minus baseline."
* parameter[2].part[7].type = #decimal
* parameter[2].part[8].name = #direction
* parameter[2].part[8].use = #out
* parameter[2].part[8].min = 1
* parameter[2].part[8].max = "1"
* parameter[2].part[8].documentation = "improved, worsened or unchanged."
* parameter[2].part[8].type = #code
* parameter[2].part[8].binding.strength = #required
* parameter[2].part[8].binding.valueSet = Canonical(TransitionDirectionVS)
* parameter[2].part[9].name = #confidence
* parameter[2].part[9].use = #out
* parameter[2].part[9].min = 1
* parameter[2].part[9].max = "1"
* parameter[2].part[9].documentation = "Confidence score between 0 and 1."
* parameter[2].part[9].type = #decimal
* parameter[3].name = #disclaimer
* parameter[3].use = #out
* parameter[3].min = 1
* parameter[3].max = "1"
* parameter[3].documentation = "Fixed statement that the content is observational research data, not medical advice."
* parameter[3].type = #string

Instance: rederive
InstanceOf: OperationDefinition
Usage: #definition
Title: "Re-derive transitions"
* insert OperationMetadata(rederive, Rederive, Re-derive transitions)
* description = "Starts a background job that derives the transitions again for every patient or for the listed patients, e.g. after a new mapping catalogue version. Answers 202 Accepted with an OperationOutcome and the job's $rederive-status URL in Content-Location; 404 when a listed patient never existed (a deleted patient is accepted: what was derived for it is removed); 400 for a reference to anything but a Patient."
* affectsState = true
* code = #rederive
* system = true
* type = false
* instance = false
* parameter[0].name = #patient
* parameter[0].use = #in
* parameter[0].min = 0
* parameter[0].max = "*"
* parameter[0].documentation = "A patient to re-derive (Patient/{id}); none: every patient."
* parameter[0].type = #Reference
* parameter[0].targetProfile = "http://hl7.org/fhir/StructureDefinition/Patient"
* parameter[1].name = #return
* parameter[1].use = #out
* parameter[1].min = 1
* parameter[1].max = "1"
* parameter[1].documentation = "Information that the job started and where to poll it."
* parameter[1].type = #OperationOutcome

Instance: rederive-status
InstanceOf: OperationDefinition
Usage: #definition
Title: "Re-derivation status"
* insert OperationMetadata(rederive-status, RederiveStatus, Re-derivation status)
* description = "The status and progress of a re-derivation job (with jobId; 404 for an unknown job) and, always, the derivation backlog: patients waiting for derivation, in progress, and whose last derivation failed."
* affectsState = false
* code = #rederive-status
* system = true
* type = false
* instance = false
* parameter[0].name = #jobId
* parameter[0].use = #in
* parameter[0].min = 0
* parameter[0].max = "1"
* parameter[0].documentation = "The job id $rederive named in its status URL."
* parameter[0].type = #string
* parameter[1].name = #jobId
* parameter[1].use = #out
* parameter[1].min = 0
* parameter[1].max = "1"
* parameter[1].documentation = "The job id (when asked for a job)."
* parameter[1].type = #string
* parameter[2].name = #status
* parameter[2].use = #out
* parameter[2].min = 0
* parameter[2].max = "1"
* parameter[2].documentation = "Job status: QUEUED, IN_PROGRESS, FINALIZE, COMPLETED, ERRORED, FAILED or CANCELLED."
* parameter[2].type = #string
* parameter[3].name = #progress
* parameter[3].use = #out
* parameter[3].min = 0
* parameter[3].max = "1"
* parameter[3].documentation = "Fraction of the job done, 0 to 1."
* parameter[3].type = #decimal
* parameter[4].name = #patientsProcessed
* parameter[4].use = #out
* parameter[4].min = 0
* parameter[4].max = "1"
* parameter[4].documentation = "Patients the job has derived so far."
* parameter[4].type = #integer
* parameter[5].name = #started
* parameter[5].use = #out
* parameter[5].min = 0
* parameter[5].max = "1"
* parameter[5].documentation = "When the job started."
* parameter[5].type = #dateTime
* parameter[6].name = #ended
* parameter[6].use = #out
* parameter[6].min = 0
* parameter[6].max = "1"
* parameter[6].documentation = "When the job ended."
* parameter[6].type = #dateTime
* parameter[7].name = #error
* parameter[7].use = #out
* parameter[7].min = 0
* parameter[7].max = "1"
* parameter[7].documentation = "Why the job failed."
* parameter[7].type = #string
* parameter[8].name = #patientsWaiting
* parameter[8].use = #out
* parameter[8].min = 1
* parameter[8].max = "1"
* parameter[8].documentation = "Patients marked for derivation and not yet handed to a job."
* parameter[8].type = #integer
* parameter[9].name = #patientsInProgress
* parameter[9].use = #out
* parameter[9].min = 1
* parameter[9].max = "1"
* parameter[9].documentation = "Patients handed to a job and not yet derived."
* parameter[9].type = #integer
* parameter[10].name = #patientsFailed
* parameter[10].use = #out
* parameter[10].min = 1
* parameter[10].max = "1"
* parameter[10].documentation = "Patients whose last derivation failed."
* parameter[10].type = #integer

Instance: research-export
InstanceOf: OperationDefinition
Usage: #definition
Title: "Research export"
* insert OperationMetadata(research-export, ResearchExport, Research export)
* description = "Kick-off of a de-identified research export, asynchronous as in FHIR Bulk Data v2: send Prefer: respond-async (otherwise 400); the answer is 202 Accepted with an OperationOutcome and the $research-export-status URL in Content-Location. At the system level every patient is exported, on a Group the group's members. Outputs are ResearchTransition records (NDJSON or CSV) and TransitionBundles (NDJSON), with pseudonyms, shifted dates and k-anonymity; observational research data, not medical advice."
* affectsState = false
* code = #research-export
* resource[0] = #Group
* system = true
* type = false
* instance = true
* parameter[0].name = #_type
* parameter[0].use = #in
* parameter[0].min = 0
* parameter[0].max = "1"
* parameter[0].documentation = "Comma-separated output types: ResearchTransition, Bundle (default: both)."
* parameter[0].type = #string
* parameter[1].name = #_outputFormat
* parameter[1].use = #in
* parameter[1].min = 0
* parameter[1].max = "1"
* parameter[1].documentation = "application/fhir+ndjson (also application/ndjson, ndjson; the default) or text/csv (also csv; ResearchTransition only)."
* parameter[1].type = #string
* parameter[2].name = #_since
* parameter[2].use = #in
* parameter[2].min = 0
* parameter[2].max = "1"
* parameter[2].documentation = "Only transitions derived at or after this instant."
* parameter[2].type = #instant
* parameter[3].name = #_k
* parameter[3].use = #in
* parameter[3].min = 0
* parameter[3].max = "1"
* parameter[3].documentation = "k of k-anonymity (at least 1); below the server's configured k only where the server allows it."
* parameter[3].type = #integer
* parameter[4].name = #_push
* parameter[4].use = #in
* parameter[4].min = 0
* parameter[4].max = "1"
* parameter[4].documentation = "true: also send the outputs to the research registry the server is configured with (needs consistent pseudonyms)."
* parameter[4].type = #boolean
* parameter[5].name = #_pseudonyms
* parameter[5].use = #in
* parameter[5].min = 0
* parameter[5].max = "1"
* parameter[5].documentation = "consistent (the default: the same pseudonyms and date shifts in every export) or per-export (pseudonyms and date shifts of this export alone, day offsets coarsened per export; the records' content can still link subjects across exports, see the research export documentation)."
* parameter[5].type = #string
* parameter[6].name = #return
* parameter[6].use = #out
* parameter[6].min = 1
* parameter[6].max = "1"
* parameter[6].documentation = "Information that the export started and where to poll it."
* parameter[6].type = #OperationOutcome
* parameter[7].name = #_m
* parameter[7].use = #in
* parameter[7].min = 0
* parameter[7].max = "1"
* parameter[7].documentation = "m of k^m-anonymity over each subject's action classes, state variables and record count (0 to 3; 0 turns the check off); below the server's configured m only where the server allows a smaller k."
* parameter[7].type = #integer

Instance: research-export-status
InstanceOf: OperationDefinition
Usage: #definition
Title: "Research export status"
* insert OperationMetadata(research-export-status, ResearchExportStatus, Research export status)
* description = "Status of a research export, as the Bulk Data status endpoint: 202 with X-Progress and Retry-After while running, 429 when polled too often, 200 with the JSON manifest (transactionTime, request, requiresAccessToken, output with type, url and count, error, and the export summary and disclosure report extensions) when done, 500 with an OperationOutcome when failed; DELETE cancels the export (then 404)."
* affectsState = false
* code = #research-export-status
* system = true
* type = false
* instance = false
* parameter[0].name = #_jobId
* parameter[0].use = #in
* parameter[0].min = 1
* parameter[0].max = "1"
* parameter[0].documentation = "The export id named in the kick-off's Content-Location."
* parameter[0].type = #string

Instance: research-export-file
InstanceOf: OperationDefinition
Usage: #definition
Title: "Research export file"
* insert OperationMetadata(research-export-file, ResearchExportFile, Research export file)
* description = "One output file of a finished research export, as listed in the manifest: application/fhir+ndjson, or text/csv for ResearchTransition records exported as CSV; _file=disclosure-report gives the export's disclosure report as JSON. 404 before the export is finished or for an unknown file."
* affectsState = false
* code = #research-export-file
* system = true
* type = false
* instance = false
* parameter[0].name = #_jobId
* parameter[0].use = #in
* parameter[0].min = 1
* parameter[0].max = "1"
* parameter[0].documentation = "The export id."
* parameter[0].type = #string
* parameter[1].name = #_file
* parameter[1].use = #in
* parameter[1].min = 1
* parameter[1].max = "1"
* parameter[1].documentation = "The number of an output file (from the manifest url), or disclosure-report."
* parameter[1].type = #string
