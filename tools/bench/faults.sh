#!/usr/bin/env bash
# Fault benchmark: does a Batch2 job survive a kill -9 of the node running it, with nothing lost or
# duplicated? On PostgreSQL.
#
#   tools/bench/faults.sh [server arguments...]
#
# Same data, jar, settings and knobs as tools/bench/ingest.sh (shared pieces in tools/bench/lib.sh).
# 1. database transitionnet_bench_<pid>_faults: ingest with incremental derivation off;
# 2. POST /fhir/$rederive (every patient) and, once BENCH_KILL_AFTER (2) of its derive chunks have
#    completed, kill -9 the server mid-job (the unfinished chunks are counted);
# 3. restarts the server on the same database and polls $rederive-status until the job is COMPLETED
#    (at most BENCH_RECOVERY_TIMEOUT_S, 600): seconds from the restarted server answering to the job
#    completing; the transitions afterwards (id and content of every derived Observation);
# 4. a clean $rederive on the restarted server, and its transitions: the reference;
# 5. prints one "BENCH faults:" line: jobs_survived (1/1 when the killed job completed after the restart),
#    transitions_lost (in the reference, missing after recovery), transitions_duplicated (after recovery
#    but not in the reference, or listed twice),
#    transitions_changed (same id, other content), and stops the server and drops the database
#    (BENCH_KEEP_DB=1 keeps it).
# BENCH_CHUNK (5): patients per derivation chunk (transitionnet.transition.patients-per-chunk), so the job
# has many chunks; the cluster timings are shortened (node dead after 10 s) so the run is not dominated by
# waiting. Extra arguments go to the server in both runs. Server logs: tools/synthea/output/bench-runs/.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

derive_job='transitionnet-derive-transitions'
database="transitionnet_bench_$$_faults"
log_killed="$work_dir/server-$$-faults-killed.log"
log_restarted="$work_dir/server-$$-faults-restarted.log"
chunk=${BENCH_CHUNK:-5}
kill_after=${BENCH_KILL_AFTER:-2}
recovery_timeout_s=${BENCH_RECOVERY_TIMEOUT_S:-600}
server_args=(--transitionnet.transition.incremental=false
  --transitionnet.transition.patients-per-chunk="$chunk"
  --transitionnet.jobs.maintenance-interval-ms=1000
  --transitionnet.cluster.heartbeat-interval=2s
  --transitionnet.cluster.node-timeout=10s
  --transitionnet.cluster.recovery-interval=2s)

command -v jq > /dev/null || { echo "jq is required" >&2; exit 2; }

# snapshot FILE: every derived transition as "id<TAB>sha256 of its content without meta", sorted by id
# (transition ids are stable per patient, episode and state variable: a duplicate is an extra id).
snapshot() {
  local file=$1 url page
  url="$base_url/Observation?category=http://transitionnet.org/fhir/CodeSystem/transition-category%7Cderived-observational-research&_count=500"
  : > "$file.raw"
  while [[ -n "$url" ]]; do
    page=$(curl -sf "$url")
    printf '%s' "$page" | jq -c '.entry[]?.resource | del(.meta)' >> "$file.raw"
    url=$(printf '%s' "$page" | jq -r '.link[]? | select(.relation == "next") | .url')
  done
  while IFS= read -r resource; do
    printf '%s\t%s\n' "$(jq -r '.id' <<< "$resource")" "$(sha256sum <<< "$resource" | cut -c1-64)"
  done < "$file.raw" | sort > "$file"
  rm -f "$file.raw"
}

# job_state JOB: the job instance's status in the database.
job_state() {
  psql_value "$database" "SELECT stat FROM bt2_job_instance WHERE id = '$1'"
}

bench_prepare

# 1. Ingest (or copy a database that holds the population already: BENCH_TEMPLATE_DB).
if [[ -n "${BENCH_TEMPLATE_DB:-}" ]]; then
  psql_admin -c "CREATE DATABASE $database TEMPLATE ${BENCH_TEMPLATE_DB}"
  bench_databases+=("$database")
  bench_start_server "$database" "$log_killed" "${server_args[@]}" "$@"
  load_resources="(copied from ${BENCH_TEMPLATE_DB})"
else
  bench_create_db "$database"
  bench_start_server "$database" "$log_killed" "${server_args[@]}" "$@"
  bench_load "$work_dir/load-$$-faults.txt"
  (( load_status == 0 )) || echo "The load had failures; continuing" >&2
fi
patient_count=$(fhir_count Patient)
echo "Loaded $load_resources resources, $patient_count patients" >&2

# 2. $rederive, kill -9 mid-job.
headers=$(mktemp)
curl -sf -D "$headers" -o /dev/null -X POST -H 'Content-Type: application/fhir+json' \
  -d '{"resourceType":"Parameters"}' "$base_url/\$rederive"
status_url=$(tr -d '\r' < "$headers" | awk 'tolower($1) == "content-location:" {print $2}')
rm -f "$headers"
job=${status_url##*jobId=}
echo "Job $job started; killing the server once $kill_after derive chunks have completed" >&2
deadline=$(( $(date +%s) + derive_timeout_s ))
while :; do
  done_chunks=$(psql_value "$database" "SELECT count(*) FROM bt2_work_chunk WHERE instance_id = '$job' AND tgt_step_id = 'derive-patients' AND stat = 'COMPLETED'")
  (( done_chunks >= kill_after )) && break
  [[ "$(job_state "$job")" == COMPLETED ]] && { echo "The job completed before it could be killed; use a larger population or a smaller BENCH_CHUNK" >&2; exit 1; }
  (( $(date +%s) > deadline )) && { echo "The job did not get going" >&2; exit 1; }
  sleep 0.1
done
kill -9 "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""
unfinished=$(psql_value "$database" "SELECT count(*) FROM bt2_work_chunk WHERE instance_id = '$job' AND stat <> 'COMPLETED'")
total_chunks=$(psql_value "$database" "SELECT count(*) FROM bt2_work_chunk WHERE instance_id = '$job'")
echo "Killed the server with $unfinished of $total_chunks chunks unfinished (job $(job_state "$job"))" >&2

# 3. Restart, wait for the killed job.
bench_start_server "$database" "$log_restarted" "${server_args[@]}" "$@"
restart_s=$server_startup_s
ready=$(now_s)
survived=0
deadline=$(( $(date +%s) + recovery_timeout_s ))
while :; do
  state=$(job_state "$job")
  [[ "$state" == COMPLETED ]] && { survived=1; break; }
  [[ "$state" == FAILED || "$state" == CANCELLED ]] && break
  (( $(date +%s) > deadline )) && break
  sleep 1
done
recovery_s=$(elapsed_s "$ready")
processed=$(curl -sf "$status_url" | param patientsProcessed || true)
echo "Job $job: $(job_state "$job") ${recovery_s}s after the restarted server answered; patientsProcessed=$processed" >&2
snapshot "$work_dir/faults-$$-recovered.txt"

# 4. Clean run for reference.
rederive "clean"
snapshot "$work_dir/faults-$$-clean.txt"

# 5. Compare.
recovered="$work_dir/faults-$$-recovered.txt"
clean="$work_dir/faults-$$-clean.txt"
transitions=$(wc -l < "$clean")
lost=$(join -t $'\t' -v 2 <(cut -f1 "$recovered") <(cut -f1 "$clean") | wc -l)
extra=$(join -t $'\t' -v 1 <(cut -f1 "$recovered") <(cut -f1 "$clean") | wc -l)
listed_twice=$(cut -f1 "$recovered" | uniq -d | wc -l)
duplicated=$(( extra + listed_twice ))
changed=$(join -t $'\t' "$recovered" "$clean" | awk -F'\t' '$2 != $3' | wc -l)
log_errors=$(grep -cE ' ERROR ' "$log_restarted" || true)
taken_over=$(grep -c 'taken over from dead node' "$log_restarted" || true)
status=0
(( survived == 1 && lost == 0 && duplicated == 0 && changed == 0 )) || status=1
echo "BENCH faults: patients=$patient_count chunks=$total_chunks chunks_unfinished_at_kill=$unfinished" \
  "jobs_survived=$survived/1 chunks_taken_over=$taken_over patients_processed=$processed" \
  "transitions=$transitions transitions_lost=$lost transitions_duplicated=$duplicated transitions_changed=$changed" \
  "restart_s=$restart_s recovery_s=$recovery_s restarted_log_errors=$log_errors"
exit "$status"
