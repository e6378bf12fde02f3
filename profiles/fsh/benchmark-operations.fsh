// The benchmark's operations: building de-identified dataset versions from the stored transitions,
// listing and downloading them, scoring predictions and the leaderboard. All are invoked at the server
// level and granted by the benchmark's own scopes, which grant no clinical data. Their answers are JSON
// documents or files, not FHIR resources, so they are described in the description and comment rather
// than as output parameters; errors are OperationOutcomes. RuleSet OperationMetadata is in operations.fsh.

RuleSet: BenchmarkLevels
* system = true
* type = false
* instance = false

Instance: dataset-build
InstanceOf: OperationDefinition
Usage: #definition
Title: "Dataset build"
* insert OperationMetadata(dataset-build, DatasetBuild, Dataset build)
* description = "Kick-off of a benchmark dataset build, asynchronous as in FHIR Bulk Data v2: send Prefer: respond-async (otherwise 400). The server freezes an immutable, de-identified dataset version of the requested tasks (every task when none is named) from the stored transitions: keyed pseudonyms, shifted dates, k-anonymity and train/tuning/held_out splits, with held-out labels kept on the server. The answer is 202 Accepted with an OperationOutcome and the $dataset-build-status URL in Content-Location; 400 for an unknown task, a malformed number or a threshold the server does not allow. Access: scope benchmark/*.build (a data steward's act; grants no clinical data). The datasets are observational, non-randomized research data, not for individual care and not medical advice."
* comment = "Parameters are read from a Parameters body (any primitive value) or from the query (task may list several ids separated by commas). A task with too few qualifying records, subjects or held-out subjects is refused with its reason and not published."
* affectsState = true
* code = #dataset-build
* insert BenchmarkLevels
* parameter[0].name = #task
* parameter[0].use = #in
* parameter[0].min = 0
* parameter[0].max = "*"
* parameter[0].documentation = "Id of a benchmark task to build (e.g. glucose-lowering-hba1c); none: every task the server publishes. An unknown id is answered with 400."
* parameter[0].type = #string
* parameter[1].name = #_k
* parameter[1].use = #in
* parameter[1].min = 0
* parameter[1].max = "1"
* parameter[1].documentation = "k of k-anonymity for the released quasi-identifiers; may only raise the server's configured k, never lower it."
* parameter[1].type = #integer
* parameter[2].name = #_minHeldOutSubjects
* parameter[2].use = #in
* parameter[2].min = 0
* parameter[2].max = "1"
* parameter[2].documentation = "Held-out subjects every task needs to be published (at least 1). Above a task's own minimum always; below it only where the server allows demonstration versions, and the version is then marked a demonstration, not a benchmark."
* parameter[2].type = #integer
* parameter[3].name = #_minHeldOutRecords
* parameter[3].use = #in
* parameter[3].min = 0
* parameter[3].max = "1"
* parameter[3].documentation = "Held-out records every task needs to be published (at least 1). Above the server's and the task's minimum always; lowered only for a demonstration version, where the server allows it."
* parameter[3].type = #integer
* parameter[4].name = #return
* parameter[4].use = #out
* parameter[4].min = 1
* parameter[4].max = "1"
* parameter[4].documentation = "Information that the build started and where to poll it."
* parameter[4].type = #OperationOutcome
* parameter[5].name = #_m
* parameter[5].use = #in
* parameter[5].min = 0
* parameter[5].max = "1"
* parameter[5].documentation = "m of k^m-anonymity over each subject's action classes, state variables and record count (0 to 3); below the server's configured m only where demonstration versions are allowed, and the version is then a demonstration."
* parameter[5].type = #integer

Instance: dataset-build-status
InstanceOf: OperationDefinition
Usage: #definition
Title: "Dataset build status"
* insert OperationMetadata(dataset-build-status, DatasetBuildStatus, Dataset build status)
* description = "Status and result of a dataset build, as the Bulk Data status endpoint: 202 with X-Progress and Retry-After while running; 200 with the result as JSON when done; 422 with an OperationOutcome naming each reason when every requested task was refused; 500 with an OperationOutcome when the build failed; 404 for an unknown or cancelled build. DELETE cancels the build and removes what it staged (202 with an OperationOutcome). Only the client that started the build, or an administrator, may follow or cancel it (403 for any other). Access: scope benchmark/*.build (grants no clinical data). The datasets are observational, non-randomized research data, not for individual care and not medical advice."
* comment = "The result (200, application/json) is an object with jobId, url (the version in $datasets), datasetId, semver, unchanged (true when the content equals an existing version, which is named instead), contentHash, tasks (the published ones), refusals (task id to reason), counts (released records per task and split), k, patients, excludedByConsent, patientsFailed, recordsStaged, subjects, subjectsSuppressed, recordsGeneralized and recordsSuppressed."
* affectsState = false
* code = #dataset-build-status
* insert BenchmarkLevels
* parameter[0].name = #_jobId
* parameter[0].use = #in
* parameter[0].min = 1
* parameter[0].max = "1"
* parameter[0].documentation = "The build id named in the kick-off's Content-Location."
* parameter[0].type = #string

Instance: datasets
InstanceOf: OperationDefinition
Usage: #definition
Title: "Benchmark datasets"
* insert OperationMetadata(datasets, Datasets, Benchmark datasets)
* description = "The benchmark tasks the server publishes and its ready dataset versions, as JSON (application/json); with dataset, that one version (404 when unknown or not ready). Access: scope benchmark/*.read (grants no clinical data). The datasets are observational, non-randomized research data, not for individual care and not medical advice."
* comment = "Without dataset the answer is an object with tasks (per task: id, version, title, description, targetVariable, baselineInputs, demographics, actionClasses, followUpWindow, directions, changeUnit, intervalLevel, metrics, split, minHeldOutSubjects, safetyBoundary) and datasets (the versions, newest first). A version has datasetId, semver, createdAt, tasks, taskVersions, catalogueVersion, deidVersion, contentHash, refusals, counts, files (path, mediaType, size, sha256 and the $dataset-file url of each) and cardUrl; a demonstration version says so in demonstration."
* affectsState = false
* code = #datasets
* insert BenchmarkLevels
* parameter[0].name = #dataset
* parameter[0].use = #in
* parameter[0].min = 0
* parameter[0].max = "1"
* parameter[0].documentation = "Id of one dataset version (ds- and 12 hex digits); none: the tasks and every ready version."
* parameter[0].type = #string

Instance: dataset-card
InstanceOf: OperationDefinition
Usage: #definition
Title: "Dataset card"
* insert OperationMetadata(dataset-card, DatasetCard, Dataset card)
* description = "The card of a ready dataset version: counts per task and split, distributions, missingness, provenance of every field, known biases, intended use, the baselines' scores and the safety boundary; as JSON (card.json, application/json) or Markdown (card.md, text/markdown), with its SHA-256 as ETag; or, with _format=svg and a task, that task's plots (image/svg+xml) drawn from the stored card: the train and tuning distributions of the baseline, the change and the follow-up days, and the direction shares, never the held-out split or a split of fewer than k records (404 when every split of the task shows counts only). 404 for an unknown or unready version or task, 400 for another format or svg without a task. Access: scope benchmark/*.read (grants no clinical data). The datasets are observational, non-randomized research data, not for individual care and not medical advice."
* affectsState = false
* code = #dataset-card
* insert BenchmarkLevels
* parameter[0].name = #dataset
* parameter[0].use = #in
* parameter[0].min = 1
* parameter[0].max = "1"
* parameter[0].documentation = "Id of the dataset version."
* parameter[0].type = #string
* parameter[1].name = #_format
* parameter[1].use = #in
* parameter[1].min = 0
* parameter[1].max = "1"
* parameter[1].documentation = "json (also application/json; the default), markdown (also md, text/markdown) or svg (also image/svg+xml; needs task)."
* parameter[1].type = #string
* parameter[2].name = #task
* parameter[2].use = #in
* parameter[2].min = 0
* parameter[2].max = "1"
* parameter[2].documentation = "With _format=svg: the id of the task whose plots are drawn."
* parameter[2].type = #string

Instance: dataset-file
InstanceOf: OperationDefinition
Usage: #definition
Title: "Dataset file"
* insert OperationMetadata(dataset-file, DatasetFile, Dataset file)
* description = "One released file of a ready dataset version, as listed by $datasets (records as NDJSON or CSV, MEDS Parquet data, labels and metadata, the card and the version's README), with its media type and its SHA-256 as ETag; 304 when If-None-Match names that ETag; 404 for an unknown version or file. Held-out labels are never among the files. Access: scope benchmark/*.read (grants no clinical data); every download is recorded as an AuditEvent. The datasets are observational, non-randomized research data, not for individual care and not medical advice."
* affectsState = false
* code = #dataset-file
* insert BenchmarkLevels
* parameter[0].name = #dataset
* parameter[0].use = #in
* parameter[0].min = 1
* parameter[0].max = "1"
* parameter[0].documentation = "Id of the dataset version."
* parameter[0].type = #string
* parameter[1].name = #path
* parameter[1].use = #in
* parameter[1].min = 1
* parameter[1].max = "1"
* parameter[1].documentation = "Path of the file within the version, as listed by $datasets (e.g. tasks/statin-ldl/train.ndjson)."
* parameter[1].type = #string

Instance: evaluate
InstanceOf: OperationDefinition
Usage: #definition
Title: "Evaluate predictions"
* insert OperationMetadata(evaluate, Evaluate, Evaluate predictions)
* description = "Scores predictions for one dataset version, task and split (tuning or held_out) against the labels held on the server, stores the scores for $leaderboard and answers them as JSON (200, application/json): aggregates only, never a record's label or whether a record was predicted right. The request body is JSON, not a Parameters resource (see the comment). 400 for a malformed body or split, 404 for an unknown version or task, 422 for too many predictions or the first bad record (issue.expression predictions[i]), 429 with Retry-After when the client's held-out scorings are used up; a refused submission stores nothing. Access: scope benchmark/*.submit (grants no clinical data); every scoring is recorded as an AuditEvent. Scores compare models on observational, non-randomized research data; they say nothing about what a therapy causes and are not for individual care or medical advice."
* comment = """
POST with Content-Type application/json and the body

```json
{"dataset": "ds-0123456789ab", "task": "glucose-lowering-hba1c", "split": "tuning",
 "model": {"name": "my-model", "description": "..."},
 "predictions": [{"recordId": "...", "direction": {"improved": 0.6, "unchanged": 0.3, "worsened": 0.1},
                  "change": -0.8, "changeInterval": [-1.9, 0.2], "adverseEvent": 0.12}]}
```

Every prediction needs all five fields; probabilities lie in [0, 1], the direction probabilities add up to 1, numbers are finite, the interval is [lower, upper] at the task's interval level, one prediction per record and no other fields. The answer holds submissionId, dataset, task, split, model, client, baseline, createdAt, predicted, missing (records scored with an uninformative stand-in), metrics, reliability, operatingPoint and the task's safetyBoundary. Body, checks, answer, metrics and the held-out limit in detail: `benchmarks/evaluation.md` of the TransitionNet source.
"""
* affectsState = true
* code = #evaluate
* insert BenchmarkLevels

Instance: leaderboard
InstanceOf: OperationDefinition
Usage: #definition
Title: "Leaderboard"
* insert OperationMetadata(leaderboard, Leaderboard, Leaderboard)
* description = "The scored submissions and baselines of a ready dataset version (by default the newest), for one task or all, as JSON (application/json): per task its title, version, metrics with their better direction, the metric it is ranked by and its safety boundary, and per split (tuning, held_out) each client's and model's newest scoring, ranked best first. Without any ready version the answer is {\"dataset\": null, \"tasks\": []}; an unknown version or task is 404. Access: scope benchmark/*.read (grants no clinical data). Scores compare models on observational, non-randomized research data; they are not for individual care and not medical advice."
* affectsState = false
* code = #leaderboard
* insert BenchmarkLevels
* parameter[0].name = #dataset
* parameter[0].use = #in
* parameter[0].min = 0
* parameter[0].max = "1"
* parameter[0].documentation = "Id of a ready dataset version; none: the newest."
* parameter[0].type = #string
* parameter[1].name = #task
* parameter[1].use = #in
* parameter[1].min = 0
* parameter[1].max = "1"
* parameter[1].documentation = "Id of one task of that version; none: every task."
* parameter[1].type = #string
