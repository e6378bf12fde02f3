#!/usr/bin/env bash
# Derivation benchmark: how fast transitions are derived, in bulk ($rederive) and incrementally on
# ingest, on PostgreSQL.
#
#   tools/bench/derive.sh [server arguments...]
#
# Same data, jar, settings and knobs as tools/bench/ingest.sh (shared pieces in tools/bench/lib.sh).
# 1. database transitionnet_bench_<pid>_off: ingest with incremental derivation off
#    (--transitionnet.transition.incremental=false), resources/s;
# 2. POST /fhir/$rederive (every patient), polls $rederive-status until COMPLETED: seconds,
#    patients/s and transitions/s (transitions = derived Observations afterwards);
# 3. $rederive again (nothing changes): seconds;
# 4. database transitionnet_bench_<pid>_on: ingest with incremental derivation on (the default),
#    resources/s, then waits until derivation has caught up (tn_dirty_patient empty and no
#    transitionnet-derive-transitions job in bt2_job_instance left unfinished): catch-up seconds
#    after the load ended, and the ingest ratio on/off;
# 5. prints one "BENCH derive:" line, stops the server and drops both databases (BENCH_KEEP_DB=1
#    keeps them).
# Extra arguments go to the server in both runs. BENCH_POLL_S (2): poll interval; BENCH_DERIVE_TIMEOUT_S
# (7200): longest wait for a derivation job or catch-up. Server logs: tools/synthea/output/bench-runs/.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

derive_job='transitionnet-derive-transitions'
db_off="transitionnet_bench_$$_off"
db_on="transitionnet_bench_$$_on"
log_off="$work_dir/server-$$-off.log"
log_on="$work_dir/server-$$-on.log"

command -v jq > /dev/null || { echo "jq is required" >&2; exit 2; }

# Problems in a server log: ERROR lines and exceptions, counted and the first few shown.
report_log() {
  local log=$1 label=$2 errors
  errors=$(grep -cE ' ERROR |Exception|HAPI-[0-9]+' "$log" || true)
  echo "Server log ($label): $errors ERROR/exception lines ($log)" >&2
  if (( errors > 0 )); then
    grep -E ' ERROR |Exception|HAPI-[0-9]+' "$log" | head -15 | cut -c1-400 >&2
  fi
  log_problems+=("${label}=${errors}")
}

log_problems=()
bench_prepare

# 1. Ingest with incremental derivation off.
bench_create_db "$db_off"
bench_start_server "$db_off" "$log_off" --transitionnet.transition.incremental=false "$@"
startup_off=$server_startup_s
bench_load "$work_dir/load-$$-off.txt"
(( load_status == 0 )) || echo "The load (derivation off) had failures; continuing" >&2
rate_off=$load_rate resources_off=$load_resources seconds_off=$load_seconds loaded_off=$load_patients
transitions_before=$(bench_count_transitions)
patient_count=$(fhir_count Patient)
echo "Ingest, derivation off: $resources_off resources in ${seconds_off}s = $rate_off resources/s; $patient_count patients, $transitions_before transitions" >&2

# 2. Full re-derivation.
rederive "rederive"
full_s=$rederive_s full_job_s=$rederive_job_s full_processed=$rederive_processed full_status=$rederive_status
transitions=$(bench_count_transitions)
patients_per_s=$(ratio "$patient_count" "$full_s" 2)
transitions_per_s=$(ratio "$transitions" "$full_s" 1)
echo "Full re-derivation ($full_status, patientsProcessed=$full_processed): $patient_count patients, $transitions transitions in ${full_s}s = $patients_per_s patients/s, $transitions_per_s transitions/s" >&2

# 3. Idempotent pass.
rederive "rederive-again"
again_s=$rederive_s again_job_s=$rederive_job_s again_status=$rederive_status
transitions_again=$(bench_count_transitions)
[[ "$transitions_again" == "$transitions" ]] || echo "The idempotent pass changed the transition count: $transitions -> $transitions_again" >&2
report_log "$log_off" "off"
bench_stop_server
bench_drop_db "$db_off"
bench_databases=()

# 4. Ingest with incremental derivation on, then wait for derivation to catch up.
bench_create_db "$db_on"
bench_start_server "$db_on" "$log_on" "$@"
startup_on=$server_startup_s
bench_load "$work_dir/load-$$-on.txt"
load_ended=$(now_s)
(( load_status == 0 )) || echo "The load (derivation on) had failures; continuing" >&2
rate_on=$load_rate resources_on=$load_resources seconds_on=$load_seconds loaded_on=$load_patients
echo "Ingest, derivation on: $resources_on resources in ${seconds_on}s = $rate_on resources/s; waiting for derivation to catch up" >&2
bench_wait_derivation "$db_on" "$derive_timeout_s" "$poll_s"
catchup_s=$(elapsed_s "$load_ended")
jobs_on=$(psql_value "$db_on" "SELECT count(*) FROM bt2_job_instance WHERE definition_id = '$derive_job'")
failed_on=$(psql_value "$db_on" "SELECT count(*) FROM bt2_job_instance WHERE definition_id = '$derive_job' AND stat <> 'COMPLETED'")
transitions_on=$(bench_count_transitions)
ingest_ratio=$(ratio "$rate_on" "$rate_off" 2)
echo "Caught up ${catchup_s}s after the load: $jobs_on derivation jobs ($failed_on not COMPLETED), $transitions_on transitions" >&2
[[ "$transitions_on" == "$transitions" ]] || echo "Incremental derivation gave $transitions_on transitions, \$rederive $transitions" >&2
report_log "$log_on" "on"
status=0
[[ "$full_status/$again_status" == COMPLETED/COMPLETED && "$failed_on" == 0 ]] || status=1

# 5. Summary.
echo "BENCH derive: patients=$patient_count resources=$resources_off" \
  "ingest_off_resources_per_s=$rate_off ingest_on_resources_per_s=$rate_on ingest_ratio_on_off=$ingest_ratio" \
  "rederive_s=$full_s rederive_patients_per_s=$patients_per_s rederive_transitions_per_s=$transitions_per_s" \
  "transitions=$transitions rederive_again_s=$again_s catchup_s=$catchup_s incremental_jobs=$jobs_on" \
  "incremental_transitions=$transitions_on log_errors=$(IFS=,; echo "${log_problems[*]}")" \
  "rederive_status=$full_status/$again_status threads=$threads server_startup_s=$startup_off/$startup_on"
exit "$status"
