#!/usr/bin/env bash
# Benchmark-dataset benchmark: builds a dataset version of every task from the stored transitions and
# scores submissions with $evaluate, on PostgreSQL.
#
#   tools/bench/dataset.sh [server arguments...]
#
# Same data, jar, settings and knobs as tools/bench/ingest.sh (shared pieces in tools/bench/lib.sh).
# 1. database transitionnet_bench_<pid>_dataset: ingest (incremental derivation on) and wait until
#    derivation has caught up; BENCH_DB=<existing database> skips this and uses that database as it is
#    (it is then neither created nor dropped);
# 2. $dataset-build of all tasks (Prefer: respond-async, polled until done): seconds from kick-off to
#    the version, and the server's heap in use after a full GC before and the peak during the build
#    (jstat samples every BENCH_HEAP_SAMPLE_MS, default 500); the build includes fitting and scoring the
#    shipped baselines and writing every file (NDJSON, CSV, MEDS Parquet, card);
# 3. a second build of unchanged data (answers the same version: the content hash is checked first);
# 4. $evaluate: the researcher client (tools/benchmark-client.py baseline) fits its baseline and submits
#    tuning and held_out of every task (seconds for all of it); then one submission predicting every
#    record of the largest tuning or held_out split (a split's record ids are unique, so its size is the
#    largest submission the data allows; reported with the figure); then $evaluate of BENCH_PREDICTIONS
#    (10,000) predictions against a scoring-only version of as many labels (removed afterwards);
# 5. prints one "BENCH dataset:" line, stops the server and drops the database (BENCH_KEEP_DB=1 keeps it).
# The server runs with a random de-identification key (BENCH_DEID_KEY to fix it), k 5 and the tasks'
# own minimum of held-out subjects (and 50 held-out records). BENCH_BUILD_QUERY (e.g.
# "_minHeldOutSubjects=1&_minHeldOutRecords=1" for the 100-patient population, whose tasks have fewer than 5
# held-out subjects) is added to the kick-off and lets the server build a demonstration version. Extra
# arguments go to the server.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

sample_ms=${BENCH_HEAP_SAMPLE_MS:-500}
timeout_s=${BENCH_DERIVE_TIMEOUT_S:-7200}
out_dir="$work_dir/dataset-$$"
server_log_file="$work_dir/server-$$-dataset.log"

for tool in jq jstat jcmd openssl python3; do
  command -v "$tool" > /dev/null || { echo "$tool is required" >&2; exit 2; }
done

heap_used_mb() {
  jstat -gc "$server_pid" | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    { printf "%.0f", ($col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]) / 1024 }'
}

# build LABEL: one $dataset-build of all tasks; sets b_seconds, b_base_mb, b_peak_mb and writes LABEL.json.
build() {
  local label=$1 headers status_url started sampler code
  headers=$(mktemp)
  jcmd "$server_pid" GC.run > /dev/null
  sleep 2
  b_base_mb=$(heap_used_mb)
  jstat -gc "$server_pid" "$sample_ms" > "$out_dir/$label.jstat" &
  sampler=$!
  started=$(now_s)
  curl -sf -D "$headers" -o /dev/null -X POST -H 'Prefer: respond-async' -H 'Content-Type: application/fhir+json' \
    -d '{"resourceType":"Parameters"}' "$base_url/\$dataset-build${BENCH_BUILD_QUERY:+?$BENCH_BUILD_QUERY}"
  status_url=$(tr -d '\r' < "$headers" | awk 'tolower($1) == "content-location:" {print $2}')
  while :; do
    code=$(curl -s -o "$out_dir/$label.json" -D "$headers" -w '%{http_code}' "$status_url")
    [[ "$code" == 202 ]] || break
    sleep 1
  done
  rm -f "$headers"
  b_seconds=$(elapsed_s "$started")
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  if [[ "$code" != 200 ]]; then
    echo "$label: build ended with HTTP $code: $(cat "$out_dir/$label.json")" >&2
    exit 1
  fi
  b_peak_mb=$(awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    $1 ~ /^[0-9.]+$/ { u = ($col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]) / 1024; if (u > max) max = u }
    END { printf "%.0f", max }' "$out_dir/$label.jstat")
  echo "$label: $(jq -c '{datasetId, semver, unchanged, refusals}' "$out_dir/$label.json") in ${b_seconds}s; heap ${b_base_mb} MB after GC before, peak ${b_peak_mb} MB" >&2
}

bench_prepare
mkdir -p "$out_dir"
key_args=(--transitionnet.deid.key="${BENCH_DEID_KEY:-$(openssl rand -hex 32)}")
if [[ -n "${BENCH_BUILD_QUERY:-}" ]]; then
  key_args+=(--transitionnet.benchmark.allow-demonstration-versions=true)
fi
if [[ -n "${BENCH_DB:-}" ]]; then
  database=$BENCH_DB
  bench_start_server "$database" "$server_log_file" "${key_args[@]}" "$@"
  bench_wait_derivation "$database" "$timeout_s" 2
else
  database="transitionnet_bench_$$_dataset"
  bench_create_db "$database"
  bench_start_server "$database" "$server_log_file" "${key_args[@]}" "$@"
  bench_load "$work_dir/load-$$-dataset.txt"
  (( load_status == 0 )) || echo "The load had failures; continuing" >&2
  bench_wait_derivation "$database" "$timeout_s" 2
fi
patient_count=$(fhir_count Patient)
resource_count=$(psql_value "$database" "SELECT count(*) FROM hfj_resource WHERE res_deleted_at IS NULL")
transitions=$(bench_count_transitions)
echo "Database $database: $patient_count patients, $resource_count resources, $transitions transitions" >&2

build first
first_s=$b_seconds first_base=$b_base_mb first_peak=$b_peak_mb
dataset=$(jq -r .datasetId "$out_dir/first.json")
build again
again_s=$b_seconds
[[ "$(jq -r .datasetId "$out_dir/again.json")" == "$dataset" ]] || { echo "An unchanged rebuild made a new version" >&2; exit 1; }

curl -sf "$base_url/\$datasets?dataset=$dataset" > "$out_dir/datasets.json"
records=$(jq '[.counts[][]] | add // 0' "$out_dir/datasets.json")
files=$(jq '.files | length' "$out_dir/datasets.json")
bytes=$(jq '[.files[].size] | add // 0' "$out_dir/datasets.json")
echo "Version $dataset: $records records, $files files, $bytes bytes" >&2

# The researcher client's journey: fit on train, submit tuning and held_out of every task.
started=$(now_s)
python3 "$repo_root/tools/benchmark-client.py" --base "$base_url" --token unused baseline --dataset "$dataset" \
  --model-name bench-client > "$out_dir/client.txt"
client_s=$(elapsed_s "$started")
cat "$out_dir/client.txt" >&2

# The largest split of any task as one submission, with uninformative predictions.
read -r big_task big_split big_n < <(jq -r '.counts | to_entries | map(.key as $t | .value | to_entries
  | map(select(.key != "train") | [$t, .key, .value])) | add | max_by(.[2]) | @tsv' "$out_dir/datasets.json")
curl -sf "$base_url/\$dataset-file?dataset=$dataset&path=tasks/$big_task/$big_split.ndjson" > "$out_dir/big.ndjson"
jq -s --arg d "$dataset" --arg t "$big_task" --arg s "$big_split" '{dataset: $d, task: $t, split: $s,
  model: {name: "bench-uniform", description: "uniform direction, no change"},
  predictions: map({recordId, direction: {improved: 0.3, unchanged: 0.4, worsened: 0.3}, change: 0,
    changeInterval: [-1, 1], adverseEvent: 0.1})}' "$out_dir/big.ndjson" > "$out_dir/big-submission.json"
started=$(now_s)
curl -sf -X POST -H 'Content-Type: application/json' --data-binary "@$out_dir/big-submission.json" \
  "$base_url/\$evaluate" > "$out_dir/big-scores.json"
evaluate_s=$(elapsed_s "$started")
echo "\$evaluate of $big_n predictions ($big_task, $big_split): ${evaluate_s}s" >&2

# $evaluate at BENCH_PREDICTIONS (10,000) predictions: a scoring-only version of that many tuning labels
# (dataset id ds-benchscoring, created "10 years ago" so it is never the newest), one submission predicting
# every record, then the version is removed again. Scoring reads only the labels and the version row.
predictions=${BENCH_PREDICTIONS:-10000}
scoring_task=$(jq -r '.tasks[0]' "$out_dir/datasets.json")
psql_value "$database" "DELETE FROM tn_bench_submission WHERE dataset_id = 'ds-benchscoring';
  DELETE FROM tn_bench_label WHERE dataset_id = 'ds-benchscoring'; DELETE FROM tn_bench_dataset WHERE dataset_id = 'ds-benchscoring';
  INSERT INTO tn_bench_dataset (dataset_id, semver, status, task_ids, task_versions, catalogue_version, deid_version, content_hash,
    created_at, built_by, refusals) VALUES ('ds-benchscoring', '0.0.0', 'ready', '$scoring_task', '{}', 'bench', 'bench', 'bench',
    now() - interval '10 years', 'tools/bench/dataset.sh', '{}');
  INSERT INTO tn_bench_label (dataset_id, task_id, record_id, split, direction, change_value, follow_up_value, follow_up_day_offset,
    adverse_event) SELECT 'ds-benchscoring', '$scoring_task', 'r' || i, 'tuning', (ARRAY['improved','unchanged','worsened'])[1 + i % 3],
    ((i % 21) - 10) / 10.0, 7, 90, i % 7 = 0 FROM generate_series(1, $predictions) i" > /dev/null
python3 - "$predictions" "$scoring_task" > "$out_dir/scoring-submission.json" <<'PY'
import json, random, sys
n, task = int(sys.argv[1]), sys.argv[2]
random.seed(1)
predictions = []
for i in range(1, n + 1):
    a, b = random.random(), random.random()
    low, high = sorted((a, b))
    change = random.uniform(-1, 1)
    predictions.append({"recordId": "r%d" % i, "direction": {"improved": low, "unchanged": high - low, "worsened": 1 - high},
                        "change": change, "changeInterval": [change - 0.5, change + 0.5], "adverseEvent": random.random()})
print(json.dumps({"dataset": "ds-benchscoring", "task": task, "split": "tuning",
                  "model": {"name": "bench-random", "description": "random predictions"}, "predictions": predictions}))
PY
started=$(now_s)
curl -sf -X POST -H 'Content-Type: application/json' --data-binary "@$out_dir/scoring-submission.json" \
  "$base_url/\$evaluate" > "$out_dir/scoring-scores.json"
scoring_s=$(elapsed_s "$started")
[[ "$(jq -r .predicted "$out_dir/scoring-scores.json")" == "$predictions" ]] || { echo "\$evaluate did not score every prediction" >&2; exit 1; }
echo "\$evaluate of $predictions predictions: ${scoring_s}s ($(jq -c .metrics "$out_dir/scoring-scores.json"))" >&2
psql_value "$database" "DELETE FROM tn_bench_submission WHERE dataset_id = 'ds-benchscoring';
  DELETE FROM tn_bench_label WHERE dataset_id = 'ds-benchscoring'; DELETE FROM tn_bench_dataset WHERE dataset_id = 'ds-benchscoring'" > /dev/null

errors=$(grep -cE ' ERROR |[A-Za-z]Exception: ' "$server_log_file" || true)
echo "BENCH dataset: build_query=${BENCH_BUILD_QUERY:-none} patients=$patient_count resources=$resource_count transitions=$transitions dataset=$dataset" \
  "records=$records files=$files bytes=$bytes build_s=$first_s heap_base_mb=$first_base heap_peak_mb=$first_peak" \
  "unchanged_rebuild_s=$again_s client_baseline_s=$client_s largest_split_predictions=$big_n largest_split_evaluate_s=$evaluate_s" \
  "evaluate_predictions=$predictions evaluate_s=$scoring_s" \
  "load_avg=\"$(cut -d' ' -f1-3 /proc/loadavg)\" server_log_errors=$errors"
